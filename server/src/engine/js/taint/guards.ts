import ts from "../typescript";
import type { FileAnalysis, Frame } from "./analysis";
import { clear } from "./flow";
import { memberChain, rootIdentifier, unwrap, propertyNameOf, canonicalName } from "./names";
import { isRequestLike } from "./source-match";
import type { Kinds } from "./scope";

/** What a condition proves about values, when it holds and when it does not. */
export interface Guards {
  whenTrue: Map<ts.Expression, Kinds>;
  whenFalse: Map<ts.Expression, Kinds>;
}

const PREFIX_KINDS = ["js/path-traversal", "js/open-redirect", "js/ssrf", "js/dom-xss"];
const PROTO_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const VALIDATOR_NAME = /^(is[A-Z]\w*|isValid\w*|validate\w*|isAllowed\w*|isSafe\w*|allowed\w*|check\w*)$/;
const ORIGIN_PROPERTIES = new Set(["host", "hostname", "origin", "protocol", "href"]);
const EMPTY: Guards = { whenTrue: new Map(), whenFalse: new Map() };

function one(map: "whenTrue" | "whenFalse", target: ts.Expression, kinds: Kinds): Guards {
  const g: Guards = { whenTrue: new Map(), whenFalse: new Map() };
  g[map].set(target, kinds);
  return g;
}

/** A value the code fixes: a literal, or a constant (`const ORIGIN = "https://..."`, or named like one). */
function isLiteral(node: ts.Expression, fr?: Frame): boolean {
  node = unwrap(node);
  if (ts.isIdentifier(node)) {
    return node.text === "undefined" || (fr !== undefined && (fr.scope.lookup(node.text)?.constText !== undefined || /^[A-Z][A-Z0-9_]+$/.test(node.text)));
  }
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.NullKeyword;
}

function anchoredRegex(node: ts.Expression): boolean | undefined {
  node = unwrap(node);
  if (!ts.isRegularExpressionLiteral(node)) return undefined;
  const body = node.text.slice(1, node.text.lastIndexOf("/"));
  return body.startsWith("^") && body.endsWith("$");
}

export function guardsOf(cond: ts.Expression, a: FileAnalysis, fr: Frame): Guards {
  cond = unwrap(cond);
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) {
    const g = guardsOf(cond.operand, a, fr);
    return { whenTrue: g.whenFalse, whenFalse: g.whenTrue };
  }
  if (ts.isBinaryExpression(cond)) return binaryGuards(cond, a, fr);
  if (ts.isCallExpression(cond)) return callGuards(cond, a, fr);
  return EMPTY;
}

function binaryGuards(cond: ts.BinaryExpression, a: FileAnalysis, fr: Frame): Guards {
  const op = cond.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
    const l = guardsOf(cond.left, a, fr), r = guardsOf(cond.right, a, fr);
    return { whenTrue: new Map([...l.whenTrue, ...r.whenTrue]), whenFalse: new Map() };
  }
  if (op === ts.SyntaxKind.BarBarToken) {
    const l = guardsOf(cond.left, a, fr), r = guardsOf(cond.right, a, fr);
    return { whenTrue: new Map(), whenFalse: new Map([...l.whenFalse, ...r.whenFalse]) };
  }
  if (op === ts.SyntaxKind.InKeyword) return one("whenTrue", cond.left, "all");
  const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const ne = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!eq && !ne && op !== ts.SyntaxKind.GreaterThanEqualsToken && op !== ts.SyntaxKind.GreaterThanToken) return EMPTY;
  const [l, r] = [unwrap(cond.left), unwrap(cond.right)];
  // list.indexOf(x) !== -1, list.indexOf(x) >= 0
  const call = ts.isCallExpression(l) ? l : undefined;
  if (call && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "indexOf" && call.arguments[0]) {
    const found = ne || !eq ? "whenTrue" : "whenFalse";
    return one(found, call.arguments[0], "all");
  }
  if (!eq && !ne) return EMPTY;
  // typeof x === "string" rules out objects (query operators); "number" rules out everything
  const typeOf = ts.isTypeOfExpression(l) ? l : ts.isTypeOfExpression(r) ? r : undefined;
  const other = typeOf === l ? r : l;
  if (typeOf && ts.isStringLiteralLike(other)) {
    const kinds: Kinds = other.text === "string" ? ["js/nosql-injection"] : other.text === "number" || other.text === "boolean" ? "all" : [];
    return one(eq ? "whenTrue" : "whenFalse", typeOf.expression, kinds);
  }
  const [value, lit] = isLiteral(r, fr) ? [l, r] : isLiteral(l, fr) ? [r, l] : [undefined, undefined];
  if (!value || !lit) return EMPTY;
  const g = one(eq ? "whenTrue" : "whenFalse", value, "all");
  if (ts.isStringLiteralLike(lit) && PROTO_KEYS.has(lit.text)) g[eq ? "whenFalse" : "whenTrue"].set(value, ["js/prototype-pollution"]);
  return g;
}

function callGuards(call: ts.CallExpression, a: FileAnalysis, fr: Frame): Guards {
  const callee = unwrap(call.expression);
  const arg = call.arguments[0];
  const method = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? propertyNameOf(callee) : undefined;
  if (method && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
    const recv = unwrap(callee.expression);
    if (method === "test" && arg) {
      const anchored = anchoredRegex(recv);
      if (anchored === true) return one("whenTrue", arg, "all");
      if (anchored === false && /\\\.\\\./.test(recv.getText(a.sf))) return one("whenFalse", arg, ["js/path-traversal"]);
      return EMPTY;
    }
    if ((method === "includes" || method === "has") && arg) {
      if (isLiteral(arg)) return method === "includes" && /\.\./.test(arg.getText(a.sf)) ? one("whenFalse", recv, ["js/path-traversal"]) : EMPTY;
      return one("whenTrue", arg, "all");
    }
    if (method === "hasOwnProperty" && arg) return one("whenTrue", arg, "all");
    if (method === "call" && canonicalName(recv, fr.scope)?.endsWith("hasOwnProperty") && call.arguments[1]) return one("whenTrue", call.arguments[1], "all");
    if (method === "hasOwn" && call.arguments[1]) return one("whenTrue", call.arguments[1], "all");
    if ((method === "startsWith" || method === "endsWith") && arg) return one("whenTrue", recv, PREFIX_KINDS);
    if (VALIDATOR_NAME.test(method) && arg) return one("whenTrue", arg, "all");
    return EMPTY;
  }
  if (ts.isIdentifier(callee) && VALIDATOR_NAME.test(callee.text) && arg) return one("whenTrue", arg, "all");
  return EMPTY;
}

/** Applies what a guard proved to the values in the frame's environment. */
export function applyGuards(map: Map<ts.Expression, Kinds>, a: FileAnalysis, fr: Frame): void {
  for (const [expr, kinds] of map) {
    if (kinds !== "all" && kinds.length === 0) continue;
    const chain = memberChain(expr);
    const root = rootIdentifier(expr);
    if (!root) continue;
    const b = fr.scope.lookup(root.text);
    if (chain && chain.names.length > 0 && isRequestLike(b)) {
      fr.env.check(a.textOf(expr).replace(/\s+/g, " "), kinds);
      continue;
    }
    // Checking one field (`e.data.type === "x"`) says nothing about the rest of the object; checking
    // where it comes from or points to (`url.hostname`, `event.origin`) vouches for all of it.
    const property = chain?.names[chain.names.length - 1];
    if (chain && property !== undefined && !ORIGIN_PROPERTIES.has(property)) continue;
    if (b) fr.env.set(b, clear(fr.env.get(b), kinds));
  }
}
