import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import {
  calleeName, descendants, enclosingFunction, isFunction, isTrue, memberPath, objectProperty, parentOf, referenceName, staticString, unwrap, type Node,
} from "./ast";
import { resolveValue } from "./scope";

const ALLOW_ORIGIN = "access-control-allow-origin";
const ALLOW_CREDENTIALS = "access-control-allow-credentials";
const HEADER_SETTERS = new Set(["setHeader", "header", "set", "append", "appendHeader"]);

/** The request's own Origin header: `req.headers.origin`, `req.header("Origin")`, `req.get("origin")`. */
export function isRequestOrigin(node: Node): boolean {
  const n = unwrap(node);
  if (/(^|\.)headers\.origin$/i.test(memberPath(n) ?? "")) return true;
  return (
    n.type === "CallExpression" &&
    ["header", "get", "getHeader"].includes(calleeName(n) ?? "") &&
    staticString(n.arguments[0] as Node)?.toLowerCase() === "origin"
  );
}

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` with no condition around it. */
function allowsEveryOrigin(fn: Node): boolean {
  if (!isFunction(fn)) return false;
  const [originParam, cbParam] = fn.params.map((p) => (p.type === "Identifier" ? p.name : undefined));
  if (!cbParam) return false;
  const body = fn.body;
  const top = body.type === "BlockStatement" ? body.body.map((s) => (s.type === "ExpressionStatement" ? s.expression : s.type === "ReturnStatement" ? s.argument : null)) : [body];
  return top.some((e) => {
    if (e?.type !== "CallExpression" || referenceName(e.callee as Node) !== cbParam) return false;
    const allowed = e.arguments[1] as Node | undefined;
    return !!allowed && (isTrue(allowed) || (allowed.type === "Identifier" && allowed.name === originParam));
  });
}

/** A CORS origin setting that lets every site in: `true`, `"*"`, a yes-to-all function, or the request's Origin. */
export function reflectsAnyOrigin(value: Node): boolean {
  return isTrue(value) || staticString(value) === "*" || allowsEveryOrigin(value) || isRequestOrigin(value);
}

function headerCall(call: ESTree.CallExpression, header: string): Node | undefined {
  if (!HEADER_SETTERS.has(calleeName(call) ?? "")) return undefined;
  return staticString(call.arguments[0] as Node)?.toLowerCase() === header ? (call.arguments[1] as Node | undefined) : undefined;
}

function headerProperty(obj: ESTree.ObjectExpression, header: string): Node | undefined {
  for (const p of obj.properties) {
    if (p.type === "Property" && (staticString(p.key as Node) ?? referenceName(p.key as Node))?.toLowerCase() === header) return p.value as Node;
  }
  return undefined;
}

/** True when the function also sends `Access-Control-Allow-Credentials: true`. */
function sendsCredentials(scope: Node): boolean {
  return descendants(scope, (n) => n.type === "CallExpression" && isTrue(headerCall(n, ALLOW_CREDENTIALS), true)).length > 0;
}

/** Inside an `if` whose test looks at the origin: an allowlist check. */
function isGuarded(node: Node, fn: Node): boolean {
  for (let n = parentOf(node); n && n !== fn; n = parentOf(n)) {
    const test = n.type === "IfStatement" || n.type === "ConditionalExpression" ? n.test : undefined;
    if (test && descendants(test as Node, (t) => /origin/i.test(referenceName(t) ?? "")).length > 0) return true;
  }
  return false;
}

export default defineRule({
  id: "js/cors-reflect-origin-credentials",
  engine: "eslint",
  title: "CORS allows any origin with credentials",
  description: "CORS that reflects any Origin (or allows *) together with credentials lets every website read authenticated responses.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-942"],
  owasp: ["A05"],
  languages: JS_LANGUAGES,
  messages: {
    config: "CORS allows every origin and sends credentials, so any website can make logged-in requests and read the responses; list the allowed origins.",
    header: "Access-Control-Allow-Origin echoes any Origin while credentials are allowed, so any website can read logged-in responses; check the origin against an allowlist.",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    /** `origin` in the header value may be a variable holding the request's Origin. */
    const allowOriginValue = (v: Node): boolean =>
      staticString(v) === "*" || isRequestOrigin(v) || (v.type === "Identifier" && !!resolveValue(context, v) && isRequestOrigin(resolveValue(context, v)!));
    return {
      ObjectExpression(node: ESTree.ObjectExpression) {
        const origin = objectProperty(node, "origin");
        if (origin && isTrue(objectProperty(node, "credentials")?.value as Node) && reflectsAnyOrigin(origin.value as Node)) {
          context.report({ node: origin, messageId: "config" });
          return;
        }
        const header = headerProperty(node, ALLOW_ORIGIN);
        if (header && isTrue(headerProperty(node, ALLOW_CREDENTIALS), true) && allowOriginValue(header)) {
          context.report({ node: header, messageId: "header" });
        }
      },
      CallExpression(node: ESTree.CallExpression) {
        const value = headerCall(node, ALLOW_ORIGIN);
        const fn = enclosingFunction(node);
        if (!value || !fn || !allowOriginValue(value) || isGuarded(node, fn) || !sendsCredentials(fn)) return;
        context.report({ node: value, messageId: "header" });
      },
    };
  },
});
