/** `require(x)` where x is not fixed at write time: a module named at run time can be attacker-chosen code. */
import type { SecurityCheck } from "./checks";
import { calleeIdentifier } from "./es-view";
import { IDENTIFIER_ESCAPE } from "./estree";
import { isStaticExpression } from "./static-expression";

const check: SecurityCheck = {
  triggers: ["require", IDENTIFIER_ESCAPE],
  messages: { nonLiteral: "Found non-literal argument in require" },
  create(context) {
    return {
      CallExpression(node) {
        if (node.arguments.length === 0 || calleeIdentifier(node) !== "require") return;
        if (!isStaticExpression(context, node.arguments[0], node)) context.report({ node, messageId: "nonLiteral" });
      },
    };
  },
};

export default check;
