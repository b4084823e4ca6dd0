/**
 * eslint-plugin-security's detect-eval-with-expression: `eval(x)` whose first argument is not a
 * literal, naming the argument's ESTree node type as the plugin does.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { estreeType, IDENTIFIER_ESCAPE, withoutParens } from "./estree";

const check: SecurityCheck = {
  triggers: ["eval", IDENTIFIER_ESCAPE],
  messages: { expression: "eval with argument of type {{type}}" },
  create(context) {
    return {
      CallExpression(node) {
        const callee = withoutParens(node.expression);
        if (!ts.isIdentifier(callee) || callee.text !== "eval") return;
        const first = node.arguments[0];
        if (!first) return;
        const type = estreeType(first);
        if (type !== "Literal") context.report({ node, messageId: "expression", data: { type } });
      },
    };
  },
};

export default check;
