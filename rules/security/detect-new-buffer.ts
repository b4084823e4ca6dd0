/**
 * eslint-plugin-security's detect-new-buffer: `new Buffer(x)` whose first argument is not a
 * literal (a number there allocates uninitialised memory).
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, literalValue, withoutParens } from "./estree";

const check: SecurityCheck = {
  triggers: ["Buffer", IDENTIFIER_ESCAPE],
  messages: { newBuffer: "Found new Buffer" },
  create(context) {
    return {
      NewExpression(node) {
        const callee = withoutParens(node.expression);
        if (!ts.isIdentifier(callee) || callee.text !== "Buffer") return;
        const first = node.arguments?.[0];
        if (first && !literalValue(first)) context.report({ node, messageId: "newBuffer" });
      },
    };
  },
};

export default check;
