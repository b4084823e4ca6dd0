import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import {
  calleeName, descendants, isFunction, isTrue, memberPath, nameText, propertyName, referenceName, resolveValue, staticString, unwrap,
} from "./tree";

const ALLOW_ORIGIN = "access-control-allow-origin";
const ALLOW_CREDENTIALS = "access-control-allow-credentials";
const HEADER_SETTERS = new Set(["setHeader", "header", "set", "append", "appendHeader"]);
const HEADER_GETTERS = new Set(["header", "get", "getHeader"]);

/** The request's own Origin header: `req.headers.origin`, `req.header("Origin")`, `req.get("origin")`. */
export function isRequestOrigin(node: ts.Node): boolean {
  const n = unwrap(node);
  if (ts.isCallExpression(n)) return HEADER_GETTERS.has(calleeName(n) ?? "") && staticString(n.arguments[0])?.toLowerCase() === "origin";
  return /(^|\.)headers\.origin$/i.test(memberPath(n) ?? "");
}

/** The parameter names of a function, by position (undefined for destructured ones); `this` is not a parameter. */
function parameterNames(fn: ts.SignatureDeclarationBase): (string | undefined)[] {
  const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  return names[0] === "this" ? names.slice(1) : names;
}

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` with no condition around it. */
function allowsEveryOrigin(fn: ts.Node): boolean {
  if (!isFunction(fn) || !fn.body) return false;
  const [originParam, cbParam] = parameterNames(fn);
  if (!cbParam) return false;
  const body = fn.body;
  const top = ts.isBlock(body)
    ? body.statements.map((s) => (ts.isExpressionStatement(s) ? s.expression : ts.isReturnStatement(s) ? s.expression : undefined))
    : [body];
  return top.some((statement) => {
    const e = statement && unwrap(statement);
    if (!e || !ts.isCallExpression(e) || referenceName(e.expression) !== cbParam) return false;
    const allowed = e.arguments[1] && unwrap(e.arguments[1]);
    return !!allowed && (isTrue(allowed) || (ts.isIdentifier(allowed) && allowed.text === originParam));
  });
}

/** A CORS origin setting that lets every site in: `true`, `"*"`, a yes-to-all function, or the request's Origin. */
export function reflectsAnyOrigin(value: ts.Node): boolean {
  const v = unwrap(value);
  return isTrue(v) || staticString(v) === "*" || allowsEveryOrigin(v) || isRequestOrigin(v);
}

function headerCall(call: ts.CallExpression, header: string): ts.Expression | undefined {
  if (!HEADER_SETTERS.has(calleeName(call) ?? "")) return undefined;
  return staticString(call.arguments[0])?.toLowerCase() === header ? call.arguments[1] : undefined;
}

/** The first property of an object literal with this name; a method stands for its own value. */
function propertyNamed(obj: ts.ObjectLiteralExpression, name: string): { property: ts.Node; value: ts.Node } | undefined {
  for (const p of obj.properties) {
    if (propertyName(p) !== name) continue;
    if (ts.isPropertyAssignment(p)) return { property: p, value: p.initializer };
    if (ts.isShorthandPropertyAssignment(p)) return { property: p, value: p.name };
    if (ts.isMethodDeclaration(p)) return { property: p, value: p };
  }
  return undefined;
}

/** A header in an object of headers, by its name in any case. */
function headerProperty(obj: ts.ObjectLiteralExpression, header: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = nameText(p.name);
    if (name?.length === header.length && name.toLowerCase() === header) return p.initializer;
  }
  return undefined;
}

/** The innermost function (constructors and accessors included) whose body holds the node. */
function enclosingFunctionBody(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** True when the function also sends `Access-Control-Allow-Credentials: true`. */
function sendsCredentials(fn: ts.Node): boolean {
  return descendants(fn, (n) => ts.isCallExpression(n) && isTrue(headerCall(n, ALLOW_CREDENTIALS), true)).length > 0;
}

/** Inside an `if` whose test looks at the origin: an allowlist check. */
function isGuarded(node: ts.Node, fn: ts.Node): boolean {
  for (let n = node.parent; n && n !== fn; n = n.parent) {
    const test = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : undefined;
    if (test && descendants(test, (t) => /origin/i.test(referenceName(t) ?? "")).length > 0) return true;
  }
  return false;
}

export default defineRule({
  id: "js/cors-reflect-origin-credentials",
  engine: "native",
  title: "CORS allows any origin with credentials",
  description: "CORS that reflects any Origin (or allows *) together with credentials lets every website read authenticated responses.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-942"],
  owasp: ["A05"],
  languages: JS_LANGUAGES,
  // Every finding needs `credentials: true` or the Access-Control-Allow-Credentials header.
  triggers: ["redentials", "REDENTIALS"],
  messages: {
    config: "CORS allows every origin and sends credentials, so any website can make logged-in requests and read the responses; list the allowed origins.",
    header: "Access-Control-Allow-Origin echoes any Origin while credentials are allowed, so any website can read logged-in responses; check the origin against an allowlist.",
  },
  create(context) {
    /** `origin` in the header value may be a variable holding the request's Origin. */
    const allowOriginValue = (value: ts.Node): boolean => {
      const v = unwrap(value);
      if (staticString(v) === "*" || isRequestOrigin(v)) return true;
      const held = ts.isIdentifier(v) ? resolveValue(context, v) : undefined;
      return !!held && isRequestOrigin(held);
    };
    return {
      ObjectLiteralExpression(node) {
        const origin = propertyNamed(node, "origin");
        const credentials = origin && propertyNamed(node, "credentials");
        if (origin && credentials && isTrue(credentials.value) && reflectsAnyOrigin(origin.value)) {
          context.report({ node: origin.property, messageId: "config" });
          return;
        }
        const header = headerProperty(node, ALLOW_ORIGIN);
        if (header && isTrue(headerProperty(node, ALLOW_CREDENTIALS), true) && allowOriginValue(header)) {
          context.report({ node: header, messageId: "header" });
        }
      },
      CallExpression(node) {
        const value = headerCall(node, ALLOW_ORIGIN);
        if (!value || !allowOriginValue(value)) return;
        const fn = enclosingFunctionBody(node);
        if (!fn || isGuarded(node, fn) || !sendsCredentials(fn)) return;
        context.report({ node: value, messageId: "header" });
      },
    };
  },
});
