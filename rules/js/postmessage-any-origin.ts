import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { isAssignmentOperator } from "../../server/src/engine/js/native/scope";
import { calleeName, descendants, edit, isFunction, isMemberAccess, memberPath, nameText, objectProperty, propertyName, propertyValue, resolveValue, staticString, unwrap, type FunctionNode } from "./tree";

/** The `"*"` target origin of `x.postMessage(data, "*")` or `postMessage(data, { targetOrigin: "*" })`. */
export function anyTargetOrigin(call: ts.CallExpression): ts.Expression | undefined {
  const target = call.arguments[1];
  if (!target) return undefined;
  if (staticString(target) === "*") return target;
  const options = unwrap(target);
  const option = ts.isObjectLiteralExpression(options) ? objectProperty(options, "targetOrigin") : undefined;
  const value = option && propertyValue(option);
  return value && staticString(value) === "*" ? value : undefined;
}

/** Window-level listeners only: in a worker, `self.onmessage` hears its own page, which has no origin to check. */
const WINDOWS = new Set(["window", "globalThis", "window.top", "window.parent"]);

/** The handler of `window.addEventListener("message", h)` or `window.onmessage = h`. */
export function messageHandler(node: ts.CallExpression | ts.BinaryExpression): ts.Node | undefined {
  if (ts.isBinaryExpression(node)) {
    const target = unwrap(node.left);
    if (!isMemberAccess(target) || propertyName(target) !== "onmessage" || !WINDOWS.has(memberPath(target.expression) ?? "")) return undefined;
    return unwrap(node.right);
  }
  if (staticString(node.arguments[0]) !== "message") return undefined;
  const callee = unwrap(node.expression);
  const owner = isMemberAccess(callee) ? memberPath(callee.expression) : undefined;
  const handler = node.arguments[1];
  return owner && WINDOWS.has(owner) && handler ? unwrap(handler) : undefined;
}

/** The event parameter of a listener (TypeScript's `this` parameter is not one). */
function eventParameter(fn: FunctionNode): ts.ParameterDeclaration | undefined {
  const [first, second] = fn.parameters;
  return first && ts.isIdentifier(first.name) && first.name.text === "this" ? second : first;
}

/** Reads `event.data` (or destructures `data`) without looking at `event.origin` or `event.source`. */
export function trustsAnySender(fn: FunctionNode): boolean {
  const param = eventParameter(fn)?.name;
  if (!param) return false;
  if (ts.isObjectBindingPattern(param)) {
    const keys = param.elements.map((e) => (e.dotDotDotToken ? undefined : e.propertyName ? nameText(e.propertyName) : ts.isIdentifier(e.name) ? e.name.text : undefined));
    return keys.includes("data") && !keys.includes("origin") && !keys.includes("source");
  }
  if (!ts.isIdentifier(param) || !fn.body) return false;
  const used = new Set<string | undefined>();
  for (const n of descendants(fn.body, (d) => isMemberAccess(d))) {
    const object = unwrap((n as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
    if (ts.isIdentifier(object) && object.text === param.text) used.add(propertyName(n));
  }
  return used.has("data") && !used.has("origin") && !used.has("source");
}

export default defineRule({
  id: "js/postmessage-any-origin",
  engine: "native",
  title: "postMessage without an origin",
  description: "postMessage sent to any origin (\"*\") can leak data to whatever page is loaded, and message listeners that skip the origin check trust any website.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-201", "CWE-346"],
  owasp: ["A01"],
  languages: JS_LANGUAGES,
  triggers: ["postMessage", "onmessage", "\"message\"", "'message'", "`message`"],
  messages: {
    send: "postMessage with target origin \"*\" delivers the data to whatever page is in that window, including an attacker's; name the expected origin.",
    receive: "This message listener uses event.data without checking event.origin, so any website that can open or frame this page can send it commands.",
    useOwnOrigin: "Send only to this page's own origin (window.location.origin)",
  },
  create(context) {
    const checkHandler = (node: ts.CallExpression | ts.BinaryExpression) => {
      let handler = messageHandler(node);
      if (handler && ts.isIdentifier(handler)) {
        const value = resolveValue(context, handler);
        handler = value && unwrap(value);
      }
      if (handler && isFunction(handler) && trustsAnySender(handler)) context.report({ node, messageId: "receive" });
    };
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name === "addEventListener") return checkHandler(node);
        if (name !== "postMessage") return;
        const star = anyTargetOrigin(node);
        if (!star) return;
        context.report({ node, messageId: "send", suggest: [{ messageId: "useOwnOrigin", fix: edit.replace(context, star, "window.location.origin") }] });
      },
      BinaryExpression(node) {
        const left = unwrap(node.left);
        if (!isMemberAccess(left) || propertyName(left) !== "onmessage" || !isAssignmentOperator(node.operatorToken.kind)) return;
        checkHandler(node);
      },
    };
  },
});
