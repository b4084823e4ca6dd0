import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { edit, memberPath, numberValue, parentOf, propertyName, staticString, unwrap } from "./tree";

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"` turns verification off for the whole process. */
function disablesTlsGlobally(node: ts.BinaryExpression): boolean {
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  if (memberPath(node.left) !== "process.env.NODE_TLS_REJECT_UNAUTHORIZED") return false;
  return staticString(node.right) === "0" || numberValue(node.right) === 0;
}

export default defineRule({
  id: "js/tls-verification-disabled",
  engine: "native",
  title: "TLS certificate verification disabled",
  description: "TLS connections that skip certificate verification can be intercepted by anyone on the path.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-295"],
  owasp: ["A02", "A07"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Verify certificates (rejectUnauthorized: true)",
  triggers: ["rejectUnauthorized", "NODE_TLS_REJECT_UNAUTHORIZED"],
  messages: {
    option: "rejectUnauthorized: false accepts any certificate, so the connection can be intercepted.",
    env: "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every TLS connection in the process.",
    removeEnv: "Remove this assignment",
  },
  create(context) {
    return {
      PropertyAssignment(node) {
        if (propertyName(node) !== "rejectUnauthorized") return;
        const value = unwrap(node.initializer);
        if (value.kind !== ts.SyntaxKind.FalseKeyword) return;
        context.report({ node, messageId: "option", fix: edit.replace(context, value, "true") });
      },
      BinaryExpression(node) {
        if (!disablesTlsGlobally(node)) return;
        const parent = parentOf(node);
        const statement = parent && ts.isExpressionStatement(parent) ? parent : undefined;
        context.report({
          node,
          messageId: "env",
          suggest: statement ? [{ messageId: "removeEnv", fix: edit.remove(context, statement) }] : [],
        });
      },
    };
  },
});
