import ts from "../typescript";
import type { Binding, Scope } from "./scope";

/** Module specifiers that name the same API: `node:fs`, `fs/promises` and fs-extra are all "fs". */
const MODULE_ALIASES: Record<string, string> = {
  "fs/promises": "fs", "fs-extra": "fs", "graceful-fs": "fs", "mysql2/promise": "mysql2", "lodash-es": "lodash",
  jquery: "$", "child_process": "child_process", "execa": "execa", "isomorphic-fetch": "fetch", "cross-fetch": "fetch",
  "@xmldom/xmldom": "xmldom", superagent: "superagent", "dompurify": "DOMPurify", "isomorphic-dompurify": "DOMPurify",
};

export function normalizeModule(spec: string): string {
  let m = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (m.startsWith("lodash/")) m = `lodash.${m.slice(7)}`;
  return MODULE_ALIASES[m] ?? m;
}

export function isRelativeModule(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

/** Members that are the same API as their parent: `fs.promises.readFile` is `fs.readFile`. */
const MEMBER_ALIASES: Record<string, string> = { "fs.promises": "fs", "document.location": "location", "child_process.default": "child_process" };

/** Globals that name the page itself: `window.location` is `location`. */
const GLOBAL_HOLDERS = new Set(["window", "self", "globalThis", "top", "parent"]);

export function unwrap(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)
    || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)
  ) node = node.expression;
  return node;
}

export function requireSpecifier(node: ts.Expression): string | undefined {
  node = unwrap(node);
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== "require") return undefined;
  const arg = node.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

export function propertyNameOf(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const arg = node.argumentExpression;
  return ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** `a.b["c"].d` as ["a","b","c","d"] with its base; undefined when a part is computed. */
export interface MemberChain {
  base: ts.Identifier;
  names: string[];
}

export function memberChain(node: ts.Expression): MemberChain | undefined {
  const names: string[] = [];
  let cur = unwrap(node);
  while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) {
    const n = propertyNameOf(cur);
    if (n === undefined) return undefined;
    names.unshift(n);
    cur = unwrap(cur.expression);
  }
  if (cur.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  if (!ts.isIdentifier(cur)) return undefined;
  return { base: cur, names };
}

/** The chain as globals read it: `window.location.hash` and `document.location.hash` are `location.hash`. */
export function globalPath(chain: MemberChain, scope: Scope): string[] | undefined {
  if (scope.lookup(chain.base.text)) return undefined;
  const all = [chain.base.text, ...chain.names];
  while (all.length > 1 && GLOBAL_HOLDERS.has(all[0]!) && all[1] !== "name") all.shift();
  if (all[0] === "document" && all[1] === "location") all.shift();
  return all;
}

/**
 * A callee's canonical name: module-qualified for imports (`child_process.exec`, `lodash.merge`),
 * dotted global for globals (`document.write`), undefined for local values.
 */
export function canonicalName(node: ts.Expression, scope: Scope): string | undefined {
  node = unwrap(node);
  if (ts.isIdentifier(node)) {
    const b = scope.lookup(node.text);
    if (!b) return GLOBAL_HOLDERS.has(node.text) ? "" : node.text;
    return bindingCanonical(b);
  }
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = propertyNameOf(node);
    if (name === undefined) return undefined;
    const base = canonicalName(node.expression, scope);
    if (base === undefined) return undefined;
    const full = base === "" ? name : `${base}.${name}`;
    return MEMBER_ALIASES[full] ?? full;
  }
  const spec = requireSpecifier(node);
  if (spec !== undefined) return isRelativeModule(spec) ? undefined : normalizeModule(spec);
  return undefined;
}

export function bindingCanonical(b: Binding): string | undefined {
  if (b.alias !== undefined) return b.alias;
  if (b.import && !isRelativeModule(b.import.module)) {
    const m = normalizeModule(b.import.module);
    return b.import.name === undefined || b.import.name === "default" ? m : `${m}.${b.import.name}`;
  }
  return undefined;
}

const CHAINABLE = new Set(["status", "type", "set", "header", "append", "cookie", "clearCookie", "vary", "contentType", "attachment", "code"]);

/** The name a method's receiver goes by: `db` in `this.db.query`, `getConnection` in `getConnection().query`. */
export function receiverName(node: ts.Expression): string | undefined {
  node = unwrap(node);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isCallExpression(node)) {
    // Response setters return the response: `res.status(500).send` is sent on `res`.
    const callee = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(callee) && CHAINABLE.has(callee.name.text)) return receiverName(callee.expression);
    return receiverName(callee);
  }
  if (ts.isElementAccessExpression(node)) return propertyNameOf(node);
  return undefined;
}

/** The root variable of a member chain or call on it: `url` in `url.hostname`, `new URL(x).host` has none. */
export function rootIdentifier(node: ts.Expression): ts.Identifier | undefined {
  node = unwrap(node);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = unwrap(node.expression);
  return ts.isIdentifier(node) ? node : undefined;
}
