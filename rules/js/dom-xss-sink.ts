import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { calleeName, calleePath, isConstant, objectProperty, propertyName, unwrap, type Node } from "./ast";

const HTML_PROPERTIES = new Set(["innerHTML", "outerHTML"]);
const SANITIZER = /^(escape|sanitize|encode|purify|filterXSS|xss$)/i;

/** `DOMPurify.sanitize(x)`, `escapeHtml(x)`, `he.encode(x)`: output meant to be safe in HTML. */
function isSanitized(node: Node): boolean {
  return node.type === "CallExpression" && SANITIZER.test(calleeName(node) ?? "");
}

/** HTML that may carry markup nobody vetted: not constant, not sanitised, not copied from the DOM. */
export function isUnsafeHtml(value: Node): boolean {
  const n = unwrap(value);
  if (isConstant(n) || isSanitized(n)) return false;
  switch (n.type) {
    case "TemplateLiteral":
      return n.expressions.some((e) => isUnsafeHtml(e as Node));
    case "BinaryExpression":
      return n.operator === "+" && (isUnsafeHtml(n.left as Node) || isUnsafeHtml(n.right));
    case "ConditionalExpression":
      return isUnsafeHtml(n.consequent) || isUnsafeHtml(n.alternate);
    case "LogicalExpression":
      return isUnsafeHtml(n.left) || isUnsafeHtml(n.right);
    case "MemberExpression":
      // Moving markup already in the page (`a.innerHTML = b.innerHTML`) adds nothing new.
      return !HTML_PROPERTIES.has(propertyName(n) ?? "");
    default:
      return true;
  }
}

/** The HTML argument of `el.insertAdjacentHTML(pos, html)` or `document.write(html)`. */
export function htmlArgument(call: ESTree.CallExpression): Node | undefined {
  const name = calleeName(call);
  if (name === "insertAdjacentHTML") return call.arguments[1] as Node | undefined;
  const path = calleePath(call)?.replace(/^window\./, "");
  if (path === "document.write" || path === "document.writeln") return call.arguments.find((a) => isUnsafeHtml(a as Node)) as Node | undefined;
  return undefined;
}

/** JSX attributes are not in the ESTree types; this is the part the rule reads. */
interface JsxAttribute {
  name: { type: string; name?: unknown };
  value: { type: string; expression?: Node } | null;
}

/** `dangerouslySetInnerHTML={{ __html: html }}`: the `__html` value. */
export function dangerousHtml(attr: JsxAttribute): Node | undefined {
  if (attr.name.type !== "JSXIdentifier" || attr.name.name !== "dangerouslySetInnerHTML") return undefined;
  const expr = attr.value?.type === "JSXExpressionContainer" ? attr.value.expression : undefined;
  if (expr?.type !== "ObjectExpression") return undefined;
  return objectProperty(expr, "__html")?.value as Node | undefined;
}

export default defineRule({
  id: "js/dom-xss-sink",
  engine: "eslint",
  title: "Unescaped HTML written to the page",
  description: "HTML built from variables and written with innerHTML, outerHTML, insertAdjacentHTML, document.write or dangerouslySetInnerHTML can run injected scripts.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-79"],
  owasp: ["A03"],
  languages: JS_LANGUAGES,
  messages: {
    sink: "{{sink}} parses this value as HTML; if it holds user input, injected markup runs as script (XSS). Sanitise it (DOMPurify.sanitize) or insert text.",
    useText: "Insert it as text (textContent) instead of HTML",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    return {
      AssignmentExpression(node: ESTree.AssignmentExpression) {
        if (node.left.type !== "MemberExpression" || node.operator === "??=") return;
        const prop = propertyName(node.left);
        if (!prop || !HTML_PROPERTIES.has(prop) || !isUnsafeHtml(node.right as Node)) return;
        const left = node.left;
        const asText = prop === "innerHTML" && node.operator === "=" && !left.computed;
        context.report({
          node,
          messageId: "sink",
          data: { sink: prop },
          suggest: asText ? [{ messageId: "useText", fix: (f) => f.replaceText(left.property, "textContent") }] : [],
        });
      },
      CallExpression(node: ESTree.CallExpression) {
        const html = htmlArgument(node);
        if (html && isUnsafeHtml(html)) context.report({ node, messageId: "sink", data: { sink: calleeName(node) === "insertAdjacentHTML" ? "insertAdjacentHTML" : `document.${calleeName(node)}` } });
      },
      JSXAttribute(node: Node) {
        const html = dangerousHtml(node as unknown as JsxAttribute);
        if (html && isUnsafeHtml(html)) context.report({ node, messageId: "sink", data: { sink: "dangerouslySetInnerHTML" } });
      },
    };
  },
});
