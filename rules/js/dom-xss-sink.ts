import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { isAssignmentOperator } from "../../server/src/engine/js/native/scope";
import { calleeName, calleePath, edit, isConstant, isMemberAccess, objectProperty, propertyName, propertyValue, unwrap } from "./tree";

const HTML_PROPERTIES = new Set(["innerHTML", "outerHTML"]);
const SANITIZER = /^(escape|sanitize|encode|purify|filterXSS|xss$)/i;

/** `DOMPurify.sanitize(x)`, `escapeHtml(x)`, `he.encode(x)`: output meant to be safe in HTML. */
function isSanitized(node: ts.Node): boolean {
  return ts.isCallExpression(node) && SANITIZER.test(calleeName(node) ?? "");
}

/** Operators whose result is one of their operands: the HTML may come from either side. */
const PASS_THROUGH = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

/** HTML that may carry markup nobody vetted: not constant, not sanitised, not copied from the DOM. */
export function isUnsafeHtml(value: ts.Node): boolean {
  const n = unwrap(value);
  if (isConstant(n) || isSanitized(n)) return false;
  if (ts.isTemplateExpression(n)) return n.templateSpans.some((s) => isUnsafeHtml(s.expression));
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    if (PASS_THROUGH.has(op)) return isUnsafeHtml(n.left) || isUnsafeHtml(n.right);
    // An assignment or a comma yields an unknown value; arithmetic and comparisons yield no markup.
    return isAssignmentOperator(op) || op === ts.SyntaxKind.CommaToken;
  }
  if (ts.isConditionalExpression(n)) return isUnsafeHtml(n.whenTrue) || isUnsafeHtml(n.whenFalse);
  // Moving markup already in the page (`a.innerHTML = b.innerHTML`) adds nothing new.
  if (isMemberAccess(n)) return !HTML_PROPERTIES.has(propertyName(n) ?? "");
  return true;
}

/** The HTML argument of `el.insertAdjacentHTML(pos, html)` or `document.write(html)`. */
export function htmlArgument(call: ts.CallExpression, name: string): ts.Expression | undefined {
  if (name === "insertAdjacentHTML") return call.arguments[1];
  const path = calleePath(call)?.replace(/^window\./, "");
  if (path === "document.write" || path === "document.writeln") return call.arguments.find((a) => isUnsafeHtml(a));
  return undefined;
}

/** `dangerouslySetInnerHTML={{ __html: html }}`: the `__html` value. */
export function dangerousHtml(attr: ts.JsxAttribute): ts.Expression | undefined {
  if (!ts.isIdentifier(attr.name) || attr.name.text !== "dangerouslySetInnerHTML") return undefined;
  const container = attr.initializer;
  const expr = container && ts.isJsxExpression(container) && container.expression ? unwrap(container.expression) : undefined;
  if (!expr || !ts.isObjectLiteralExpression(expr)) return undefined;
  const html = objectProperty(expr, "__html");
  return html && propertyValue(html);
}

export default defineRule({
  id: "js/dom-xss-sink",
  engine: "native",
  title: "Unescaped HTML written to the page",
  description: "HTML built from variables and written with innerHTML, outerHTML, insertAdjacentHTML, document.write or dangerouslySetInnerHTML can run injected scripts.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-79"],
  owasp: ["A03"],
  languages: JS_LANGUAGES,
  // document.write may be reached as document["write"].
  triggers: ["innerHTML", "outerHTML", "insertAdjacentHTML", "dangerouslySetInnerHTML", "document"],
  messages: {
    sink: "{{sink}} parses this value as HTML; if it holds user input, injected markup runs as script (XSS). Sanitise it (DOMPurify.sanitize) or insert text.",
    useText: "Insert it as text (textContent) instead of HTML",
  },
  create(context) {
    return {
      BinaryExpression(node) {
        const left = unwrap(node.left);
        if (!isMemberAccess(left)) return;
        const prop = propertyName(left);
        if (!prop || !HTML_PROPERTIES.has(prop)) return;
        const op = node.operatorToken.kind;
        if (!isAssignmentOperator(op) || op === ts.SyntaxKind.QuestionQuestionEqualsToken || !isUnsafeHtml(node.right)) return;
        const asText = prop === "innerHTML" && op === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left);
        context.report({
          node,
          messageId: "sink",
          data: { sink: prop },
          suggest: asText ? [{ messageId: "useText", fix: edit.replace(context, left.name, "textContent") }] : [],
        });
      },
      CallExpression(node) {
        const name = calleeName(node);
        if (name !== "insertAdjacentHTML" && name !== "write" && name !== "writeln") return;
        const html = htmlArgument(node, name);
        if (html && isUnsafeHtml(html)) context.report({ node, messageId: "sink", data: { sink: name === "insertAdjacentHTML" ? name : `document.${name}` } });
      },
      JsxAttribute(node) {
        const html = dangerousHtml(node);
        if (html && isUnsafeHtml(html)) context.report({ node, messageId: "sink", data: { sink: "dangerouslySetInnerHTML" } });
      },
    };
  },
});
