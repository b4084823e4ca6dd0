import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { memberPath, propertyName, staticString } from "./ast";

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"` turns verification off for the whole process. */
function disablesTlsGlobally(node: ESTree.AssignmentExpression): boolean {
  if (node.left.type !== "MemberExpression") return false;
  const target = memberPath(node.left);
  if (target !== "process.env.NODE_TLS_REJECT_UNAUTHORIZED") return false;
  const value = node.right;
  return staticString(value) === "0" || (value.type === "Literal" && value.value === 0);
}

export default defineRule({
  id: "js/tls-verification-disabled",
  engine: "eslint",
  title: "TLS certificate verification disabled",
  description: "TLS connections that skip certificate verification can be intercepted by anyone on the path.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-295"],
  owasp: ["A02", "A07"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Verify certificates (rejectUnauthorized: true)",
  messages: {
    option: "rejectUnauthorized: false accepts any certificate, so the connection can be intercepted.",
    env: "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every TLS connection in the process.",
    removeEnv: "Remove this assignment",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    return {
      Property(node: ESTree.Property & Rule.NodeParentExtension) {
        if (propertyName(node) !== "rejectUnauthorized") return;
        if (node.value.type !== "Literal" || node.value.value !== false) return;
        const value = node.value;
        context.report({ node, messageId: "option", fix: (fixer) => fixer.replaceText(value, "true") });
      },
      AssignmentExpression(node: ESTree.AssignmentExpression & Rule.NodeParentExtension) {
        if (!disablesTlsGlobally(node)) return;
        const statement = node.parent.type === "ExpressionStatement" ? node.parent : undefined;
        context.report({
          node,
          messageId: "env",
          suggest: statement ? [{ messageId: "removeEnv", fix: (fixer) => fixer.remove(statement) }] : [],
        });
      },
    };
  },
});
