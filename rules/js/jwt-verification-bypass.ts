import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import {
  calleeName, descendants, enclosingFunction, functionName, memberPath, parentOf, propertyName, staticString, type FunctionNode, type Node,
} from "./ast";
import { words } from "./names";
import { readsOf } from "./scope";

const isNone = (n: Node | null | undefined) => staticString(n)?.toLowerCase() === "none";

/** `algorithms: [..., "none", ...]` in verify options: the "none" element. */
export function noneInAlgorithms(prop: ESTree.Property): Node | undefined {
  if (propertyName(prop) !== "algorithms" || prop.value.type !== "ArrayExpression") return undefined;
  return prop.value.elements.find((e) => e && isNone(e as Node)) as Node | undefined;
}

/** `{ algorithm: "none" }` or `{ alg: "none" }` handed to a signing call, or in its `header`. */
export function signsWithNone(prop: ESTree.Property): boolean {
  const name = propertyName(prop);
  if ((name !== "alg" && name !== "algorithm") || !isNone(prop.value as Node)) return false;
  let obj = parentOf(prop);
  let holder = obj && parentOf(obj);
  if (holder?.type === "Property" && propertyName(holder) === "header") {
    obj = parentOf(holder);
    holder = obj && parentOf(obj);
  }
  if (holder?.type !== "CallExpression" && holder?.type !== "NewExpression") return false;
  return /sign|header|encode|jwt|token/i.test(calleeName(holder) ?? "");
}

const JWT_MODULE = /^(jwt|jsonwebtoken|jsonWebToken|JWT)$/;

/** `jwt.decode(token)` (jsonwebtoken) or jose's `decodeJwt(token)`: reads claims without checking the signature. */
export function isUnverifiedDecode(call: ESTree.CallExpression): boolean {
  const name = calleeName(call);
  if (name === "decodeJwt") return true;
  if (name !== "decode" || call.callee.type !== "MemberExpression") return false;
  return JWT_MODULE.test(memberPath(call.callee.object as Node)?.split(".").pop() ?? "");
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

/** `role` in `{ role: r }`: a key naming a property, not a variable. */
function isRenamedKey(id: Node): boolean {
  const p = parentOf(id);
  return p?.type === "Property" && p.key === id && !p.shorthand;
}

function isAuthContext(fn: FunctionNode): boolean {
  if (fn.params.some((p) => p.type === "Identifier" && REQUEST_PARAMS.has(p.name))) return true;
  return words(functionName(fn) ?? "").some((w) => AUTH_WORDS.has(w));
}

function verifiesInFunction(fn: FunctionNode): boolean {
  return descendants(fn.body as Node, (n) => n.type === "CallExpression" && VERIFY_CALLS.test(calleeName(n) ?? "")).length > 0;
}

/** Whether a value carrying the decoded claims decides access: stored as the user, tested, or returned. */
function decidesAccess(value: Node, fn: FunctionNode): boolean {
  const p = parentOf(value);
  if (p?.type === "MemberExpression" && p.object === value && HOUSEKEEPING.has(propertyName(p) ?? "")) return false;
  if (p?.type === "AssignmentExpression" && p.right === value && AUTH_TARGET.test(memberPath(p.left as Node) ?? "")) return true;
  if (!isAuthContext(fn)) return false;
  if (p?.type === "ReturnStatement" || (p?.type === "ArrowFunctionExpression" && p.body === value)) return true;
  for (let n: Node | undefined = value; n && n !== fn; n = parentOf(n)) {
    const up = parentOf(n);
    if ((up?.type === "IfStatement" || up?.type === "ConditionalExpression") && up.test === n) return true;
    if (up && /Statement|Declaration$/.test(up.type)) return false;
  }
  return false;
}

export default defineRule({
  id: "js/jwt-verification-bypass",
  engine: "eslint",
  title: "JWT accepted without signature verification",
  description: "JWTs accepted with the \"none\" algorithm, signed with it, or decoded without verification and then trusted let anyone forge a token.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-347"],
  owasp: ["A07", "A02"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Remove \"none\" from the accepted algorithms",
  messages: {
    acceptsNone: "Accepting the \"none\" algorithm lets anyone send an unsigned token with any claims.",
    signsNone: "Tokens with alg \"none\" carry no signature, so a receiver that accepts them trusts forged claims.",
    decodeTrusted:
      "{{call}} does not check the signature, but its claims are trusted here; use jwt.verify with the key and an algorithms list.",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    return {
      Property(node: ESTree.Property) {
        const none = noneInAlgorithms(node);
        if (none) {
          const elements = (node.value as ESTree.ArrayExpression).elements;
          const i = elements.indexOf(none as ESTree.Expression);
          const from = i < elements.length - 1 ? none.range![0] : elements[i - 1]?.range?.[1];
          const to = i < elements.length - 1 ? elements[i + 1]!.range![0] : none.range![1];
          // Only a list that keeps another algorithm can lose "none" safely.
          const fix = elements.length > 1 && from !== undefined ? (f: Rule.RuleFixer) => f.removeRange([from, to]) : null;
          context.report({ node: none, messageId: "acceptsNone", fix });
        } else if (signsWithNone(node)) context.report({ node, messageId: "signsNone" });
      },
      CallExpression(node: ESTree.CallExpression) {
        if (!isUnverifiedDecode(node)) return;
        const fn = enclosingFunction(node);
        if (!fn || verifiesInFunction(fn)) return;
        const value = parentOf(node)?.type === "AwaitExpression" ? parentOf(node)! : node;
        const holder = parentOf(value);
        let trusted = decidesAccess(value, fn);
        if (!trusted && holder?.type === "VariableDeclarator" && holder.init === value) {
          const names = descendants(holder.id as Node, (n) => n.type === "Identifier" && !isRenamedKey(n)) as ESTree.Identifier[];
          trusted = names.some((id) => readsOf(context, id).some((read) => decidesAccess(read as Node, fn)));
        }
        if (trusted) context.report({ node, messageId: "decodeTrusted", data: { call: context.sourceCode.getText(node.callee) } });
      },
    };
  },
});
