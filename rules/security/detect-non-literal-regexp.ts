/**
 * `new RegExp(x)` where x is not fixed at write time: a pattern chosen at run time may be
 * attacker-controlled and catastrophically slow.
 */
import type { SecurityCheck } from "./checks";
import { calleeIdentifier } from "./es-view";
import { IDENTIFIER_ESCAPE } from "./estree";
import { isStaticExpression } from "./static-expression";

const check: SecurityCheck = {
  triggers: ["RegExp", IDENTIFIER_ESCAPE],
  messages: { nonLiteral: "Found non-literal argument to RegExp Constructor" },
  create(context) {
    return {
      NewExpression(node) {
        if (calleeIdentifier(node) !== "RegExp" || !node.arguments?.length) return;
        if (!isStaticExpression(context, node.arguments[0], node)) context.report({ node, messageId: "nonLiteral" });
      },
    };
  },
};

export default check;
