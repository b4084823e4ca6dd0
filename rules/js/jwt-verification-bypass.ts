import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import type { NativeContext, NativeEdit } from "../../server/src/engine/js/native/api";
import { isAssignmentOperator } from "../../server/src/engine/js/native/scope";
import {
  calleeName, descendants, enclosingFunction, functionName, isMemberAccess, memberPath, outermost, parentOf, propertyName, staticString, unwrap,
  type FunctionNode,
} from "./tree";
import { words } from "./names";

const isNone = (n: ts.Node | undefined) => staticString(n)?.toLowerCase() === "none";

/** `algorithms: [..., "none", ...]` in verify options: the "none" element. */
export function noneInAlgorithms(prop: ts.PropertyAssignment): ts.Expression | undefined {
  if (propertyName(prop) !== "algorithms" || !ts.isArrayLiteralExpression(prop.initializer)) return undefined;
  return prop.initializer.elements.find((e) => isNone(e));
}

/** `{ algorithm: "none" }` or `{ alg: "none" }` handed to a signing call, or in its `header`. */
export function signsWithNone(prop: ts.PropertyAssignment): boolean {
  const name = propertyName(prop);
  if ((name !== "alg" && name !== "algorithm") || !isNone(prop.initializer)) return false;
  let obj: ts.Node | undefined = prop.parent;
  let holder = parentOf(obj);
  if (holder && ts.isPropertyAssignment(holder) && propertyName(holder) === "header") {
    obj = holder.parent;
    holder = parentOf(obj);
  }
  if (!holder || (!ts.isCallExpression(holder) && !ts.isNewExpression(holder))) return false;
  return /sign|header|encode|jwt|token/i.test(calleeName(holder) ?? "");
}

/** Removes "none" with its comma; only a list that keeps another algorithm can lose it safely. */
function removeNone(context: NativeContext, elements: ts.NodeArray<ts.Expression>, none: ts.Expression): NativeEdit | undefined {
  if (elements.length < 2) return undefined;
  const i = elements.indexOf(none);
  const last = i === elements.length - 1;
  return last
    ? { start: elements[i - 1]!.end, end: none.end, text: "" }
    : { start: context.startOf(none), end: context.startOf(elements[i + 1]!), text: "" };
}

const JWT_MODULE = /^(jwt|jsonwebtoken|jsonWebToken|JWT)$/;

/** `jwt.decode(token)` (jsonwebtoken) or jose's `decodeJwt(token)`: reads claims without checking the signature. */
export function isUnverifiedDecode(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  if (name === "decodeJwt") return true;
  const callee = unwrap(call.expression);
  if (name !== "decode" || !isMemberAccess(callee)) return false;
  return JWT_MODULE.test(memberPath(callee.expression)?.split(".").pop() ?? "");
}

const VERIFY_CALLS = /^(verify|verifyAsync|jwtVerify|compactVerify|verifyToken|verifyJwt|verifyIdToken)$/;
const AUTH_WORDS = new Set([
  "verify", "validate", "authenticate", "authorize", "auth", "authenticated", "current", "principal", "guard",
  "protect", "require", "ensure", "user", "identity", "session", "middleware", "admin", "role", "permission",
]);
const REQUEST_PARAMS = new Set(["req", "request", "ctx", "context", "event"]);
const AUTH_TARGET = /^(req|request|ctx|context|res\.locals|ctx\.state)\.(\w+\.)?(user|auth|claims|identity|principal|session|account|currentUser)$/;
/** Claims a client reads to schedule a refresh, not to decide access. */
const HOUSEKEEPING = new Set(["exp", "iat", "nbf", "header"]);

/** A plain `req` parameter: not a default, a rest or a constructor's parameter property. */
function isRequestParam(p: ts.ParameterDeclaration): boolean {
  return ts.isIdentifier(p.name) && REQUEST_PARAMS.has(p.name.text) && !p.initializer && !p.dotDotDotToken && !ts.isParameterPropertyDeclaration(p, p.parent);
}

function isAuthContext(fn: FunctionNode): boolean {
  if (fn.parameters.some(isRequestParam)) return true;
  return words(functionName(fn) ?? "").some((w) => AUTH_WORDS.has(w));
}

function verifiesInFunction(fn: FunctionNode): boolean {
  return !!fn.body && descendants(fn.body, (n) => ts.isCallExpression(n) && VERIFY_CALLS.test(calleeName(n) ?? "")).length > 0;
}

/** Where a walk up from a value stops: statements, blocks and declarations end the expression. */
function endsExpression(n: ts.Node): boolean {
  const k = n.kind;
  if (k >= ts.SyntaxKind.FirstStatement && k <= ts.SyntaxKind.LastStatement) return true;
  switch (k) {
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ImportEqualsDeclaration:
    case ts.SyntaxKind.ExportDeclaration:
    case ts.SyntaxKind.ExportAssignment:
      return true;
    default:
      return false;
  }
}

/** Whether a value carrying the decoded claims decides access: stored as the user, tested, or returned. */
function decidesAccess(value: ts.Node, fn: FunctionNode): boolean {
  const at = outermost(value);
  const p = parentOf(value);
  if (p && isMemberAccess(p) && p.expression === at && HOUSEKEEPING.has(propertyName(p) ?? "")) return false;
  if (p && ts.isBinaryExpression(p) && p.right === at && isAssignmentOperator(p.operatorToken.kind) && AUTH_TARGET.test(memberPath(p.left) ?? "")) return true;
  if (!isAuthContext(fn)) return false;
  if (p && (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === at))) return true;
  for (let n: ts.Node | undefined = value; n && n !== fn; n = parentOf(n)) {
    const up = parentOf(n);
    const outer = outermost(n);
    if (up && ((ts.isIfStatement(up) && up.expression === outer) || (ts.isConditionalExpression(up) && up.condition === outer))) return true;
    if (up && endsExpression(up)) return false;
  }
  return false;
}

/** The identifiers a declaration binds (`claims`, or `role` and `r` in `{ role, id: r }`). */
function declaredNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? declaredNames(e.name) : []));
}

/** `jwt.decode(t)` whose claims decide access, directly or through the variable holding them. */
function trustsDecoded(context: NativeContext, call: ts.CallExpression, fn: FunctionNode): boolean {
  const awaited = parentOf(call);
  const value = awaited && ts.isAwaitExpression(awaited) ? awaited : call;
  if (decidesAccess(value, fn)) return true;
  const holder = parentOf(value);
  if (!holder || !ts.isVariableDeclaration(holder) || holder.initializer !== outermost(value)) return false;
  return declaredNames(holder.name).some((id) => {
    const reads = context.scope.resolve(id)?.references.filter((r) => r.read) ?? [];
    return reads.some((read) => decidesAccess(read.id, fn));
  });
}

export default defineRule({
  id: "js/jwt-verification-bypass",
  engine: "native",
  title: "JWT accepted without signature verification",
  description: "JWTs accepted with the \"none\" algorithm, signed with it, or decoded without verification and then trusted let anyone forge a token.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-347"],
  owasp: ["A07", "A02"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Remove \"none\" from the accepted algorithms",
  // `algorithms` and `algorithm` contain "alg"; decoding calls contain "decode".
  triggers: ["alg", "decode"],
  messages: {
    acceptsNone: "Accepting the \"none\" algorithm lets anyone send an unsigned token with any claims.",
    signsNone: "Tokens with alg \"none\" carry no signature, so a receiver that accepts them trusts forged claims.",
    decodeTrusted:
      "{{call}} does not check the signature, but its claims are trusted here; use jwt.verify with the key and an algorithms list.",
  },
  create(context) {
    return {
      PropertyAssignment(node) {
        const none = noneInAlgorithms(node);
        if (none) {
          const fix = removeNone(context, (node.initializer as ts.ArrayLiteralExpression).elements, none);
          context.report({ node: none, messageId: "acceptsNone", fix });
        } else if (signsWithNone(node)) context.report({ node, messageId: "signsNone" });
      },
      CallExpression(node) {
        if (!isUnverifiedDecode(node)) return;
        const fn = enclosingFunction(node);
        if (!fn || verifiesInFunction(fn)) return;
        if (trustsDecoded(context, node, fn)) context.report({ node, messageId: "decodeTrusted", data: { call: context.textOf(node.expression) } });
      },
    };
  },
});
