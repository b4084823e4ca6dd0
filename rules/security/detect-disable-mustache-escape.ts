/**
 * eslint-plugin-security's detect-disable-mustache-escape: `x.escapeMarkup = false`, which turns
 * off HTML escaping in some template engines.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, isAssignmentPattern, literalValue, memberPropertyName, withoutParens } from "./estree";

const check: SecurityCheck = {
  triggers: ["escapeMarkup", IDENTIFIER_ESCAPE],
  messages: { disabled: "Markup escaping disabled." },
  create(context) {
    return {
      BinaryExpression(node) {
        if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const target = withoutParens(node.left);
        if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
        if (memberPropertyName(target) !== "escapeMarkup" || literalValue(node.right)?.value !== false) return;
        // `[x.escapeMarkup = false] = list` is a default value, not an assignment.
        if (!isAssignmentPattern(node)) context.report({ node, messageId: "disabled" });
      },
    };
  },
};

export default check;
