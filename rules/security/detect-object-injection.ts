/**
 * eslint-plugin-security's detect-object-injection: bracket access with an identifier key
 * (`obj[key]`), worded by where it sits: a declaration's value, a call (as callee or argument),
 * or anywhere else. Off by default: it flags most bracket access.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { estreeParent, isEstreeCall, withoutParens } from "./estree";

const check: SecurityCheck = {
  triggers: ["["],
  messages: {
    variable: "Variable Assigned to Object Injection Sink",
    call: "Function Call Object Injection Sink",
    generic: "Generic Object Injection Sink",
  },
  create(context) {
    return {
      ElementAccessExpression(node) {
        if (!ts.isIdentifier(withoutParens(node.argumentExpression))) return;
        const parent = estreeParent(node);
        const messageId = parent === "ChainExpression" ? "generic" : ts.isVariableDeclaration(parent) ? "variable" : isEstreeCall(parent) ? "call" : "generic";
        context.report({ node, messageId });
      },
    };
  },
};

export default check;
