/**
 * eslint-plugin-security's detect-pseudoRandomBytes: any member named `pseudoRandomBytes`
 * (`crypto.pseudoRandomBytes`), whose bytes are not cryptographically strong.
 */
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, isMemberExpression, memberPropertyName, type MemberNode } from "./estree";

const check: SecurityCheck = {
  triggers: ["pseudoRandomBytes", IDENTIFIER_ESCAPE],
  messages: { pseudo: "Found crypto.pseudoRandomBytes which does not produce cryptographically strong numbers" },
  create(context) {
    const visit = (node: MemberNode) => {
      if (memberPropertyName(node) === "pseudoRandomBytes" && isMemberExpression(node)) context.report({ node, messageId: "pseudo" });
    };
    return { PropertyAccessExpression: visit, ElementAccessExpression: visit };
  },
};

export default check;
