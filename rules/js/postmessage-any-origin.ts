import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { calleeName, descendants, isFunction, memberPath, objectProperty, propertyName, staticString, type FunctionNode, type Node } from "./ast";
import { resolveValue } from "./scope";

/** The `"*"` target origin of `x.postMessage(data, "*")` or `postMessage(data, { targetOrigin: "*" })`. */
export function anyTargetOrigin(call: ESTree.CallExpression): Node | undefined {
  if (calleeName(call) !== "postMessage") return undefined;
  const target = call.arguments[1] as Node | undefined;
  if (staticString(target) === "*") return target;
  const option = target?.type === "ObjectExpression" ? objectProperty(target, "targetOrigin")?.value : undefined;
  return staticString(option as Node) === "*" ? (option as Node) : undefined;
}

/** Window-level listeners only: in a worker, `self.onmessage` hears its own page, which has no origin to check. */
const WINDOWS = new Set(["window", "globalThis", "window.top", "window.parent"]);

/** The handler of `window.addEventListener("message", h)` or `window.onmessage = h`. */
export function messageHandler(node: ESTree.CallExpression | ESTree.AssignmentExpression): Node | undefined {
  if (node.type === "AssignmentExpression") {
    const target = node.left.type === "MemberExpression" ? node.left : undefined;
    if (!target || propertyName(target) !== "onmessage" || !WINDOWS.has(memberPath(target.object as Node) ?? "")) return undefined;
    return node.right as Node;
  }
  if (calleeName(node) !== "addEventListener" || staticString(node.arguments[0] as Node) !== "message") return undefined;
  const owner = node.callee.type === "MemberExpression" ? memberPath(node.callee.object as Node) : undefined;
  return owner && WINDOWS.has(owner) ? (node.arguments[1] as Node | undefined) : undefined;
}

/** Reads `event.data` (or destructures `data`) without looking at `event.origin` or `event.source`. */
export function trustsAnySender(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (!param) return false;
  if (param.type === "ObjectPattern") {
    const keys = param.properties.map((p) => (p.type === "Property" ? propertyName(p) : undefined));
    return keys.includes("data") && !keys.includes("origin") && !keys.includes("source");
  }
  if (param.type !== "Identifier") return false;
  const used = new Set(
    descendants(fn.body as Node, (n) => n.type === "MemberExpression" && n.object.type === "Identifier" && n.object.name === param.name).map(
      (n) => propertyName(n as ESTree.MemberExpression),
    ),
  );
  return used.has("data") && !used.has("origin") && !used.has("source");
}

export default defineRule({
  id: "js/postmessage-any-origin",
  engine: "eslint",
  title: "postMessage without an origin",
  description: "postMessage sent to any origin (\"*\") can leak data to whatever page is loaded, and message listeners that skip the origin check trust any website.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-201", "CWE-346"],
  owasp: ["A01"],
  languages: JS_LANGUAGES,
  messages: {
    send: "postMessage with target origin \"*\" delivers the data to whatever page is in that window, including an attacker's; name the expected origin.",
    receive: "This message listener uses event.data without checking event.origin, so any website that can open or frame this page can send it commands.",
    useOwnOrigin: "Send only to this page's own origin (window.location.origin)",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    const checkHandler = (node: ESTree.CallExpression | ESTree.AssignmentExpression) => {
      let handler = messageHandler(node);
      if (handler?.type === "Identifier") handler = resolveValue(context, handler);
      if (handler && isFunction(handler) && trustsAnySender(handler)) context.report({ node, messageId: "receive" });
    };
    return {
      CallExpression(node: ESTree.CallExpression) {
        const star = anyTargetOrigin(node);
        if (star) {
          context.report({
            node,
            messageId: "send",
            suggest: [{ messageId: "useOwnOrigin", fix: (f) => f.replaceText(star, "window.location.origin") }],
          });
        } else checkHandler(node);
      },
      AssignmentExpression: checkHandler,
    };
  },
});
