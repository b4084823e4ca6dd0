/**
 * eslint-plugin-security's detect-possible-timing-attacks: an `if` whose test compares (`==`,
 * `===`, `!=`, `!==`) an identifier named exactly like a secret (password, token, hash, ...;
 * in any case) with anything.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, withoutParens } from "./estree";

const SECRET_NAME = /^(?:password|secret|api|apiKey|token|auth|pass|hash)$/i;
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken]);

function isSecretName(node: ts.Node): boolean {
  const n = withoutParens(node);
  return ts.isIdentifier(n) && SECRET_NAME.test(n.text);
}

const check: SecurityCheck = {
  // Every name SECRET_NAME accepts contains one of these words, in the same case-insensitive way.
  triggers: [/pass|secret|api|token|auth|hash/i, IDENTIFIER_ESCAPE],
  messages: {
    left: "Potential timing attack, left side: true",
    right: "Potential timing attack, right side: true",
  },
  create(context) {
    return {
      IfStatement(node) {
        const test = withoutParens(node.expression);
        if (!ts.isBinaryExpression(test) || !EQUALITY.has(test.operatorToken.kind)) return;
        if (isSecretName(test.left)) context.report({ node, messageId: "left" });
        else if (isSecretName(test.right)) context.report({ node, messageId: "right" });
      },
    };
  },
};

export default check;
