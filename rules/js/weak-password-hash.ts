import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import type { NativeContext } from "../../server/src/engine/js/native/api";
import { bindingName, calleeName, descendants, enclosingFunction, functionName, isMemberAccess, outermost, parentOf, propertyName, staticString, unwrap } from "./tree";
import { isPasswordName } from "./names";

const WEAK_HASHES = new Set(["md4", "md5", "sha1", "sha-1"]);
/** Helper libraries named after the hash: `md5(x)` (md5), `CryptoJS.MD5(x)`, `sha1(x)`. */
const WEAK_HASH_FUNCTIONS = new Set(["md5", "md4", "sha1"]);

/** Every upper/lower-case spelling of a word: names and algorithms are matched in any case. */
function anyCase(word: string): string[] {
  return [...word].reduce<string[]>(
    (spellings, c) => spellings.flatMap((s) => (c.toLowerCase() === c.toUpperCase() ? [s + c] : [s + c.toLowerCase(), s + c.toUpperCase()])),
    [""],
  );
}

/** The weak algorithm of `createHash("md5")` or `md5(...)`, if this call is one. */
export function weakHashAlgorithm(call: ts.CallExpression): string | undefined {
  const callee = calleeName(call);
  // "createHash" or a hash name: cheaper than lower-casing every callee.
  if (!callee || (callee.length !== 10 && callee.length > 4)) return undefined;
  const name = callee.toLowerCase();
  if (name === "createhash") {
    const alg = staticString(call.arguments[0])?.toLowerCase();
    return alg !== undefined && WEAK_HASHES.has(alg) ? alg : undefined;
  }
  return WEAK_HASH_FUNCTIONS.has(name) ? name : undefined;
}

/** True when an expression mentions a password-like name (`password`, `req.body.pwd`, `secret + salt`). */
function mentionsPassword(expr: ts.Node): boolean {
  return descendants(expr, (n) => ts.isIdentifier(n) && isPasswordName(n.text)).length > 0;
}

/** `createHash("md5").update(a).update(b).digest()`: the update arguments and the outermost call. */
function chainFrom(start: ts.Node): { inputs: ts.Node[]; outer: ts.Node } {
  const inputs: ts.Node[] = [];
  let outer = start;
  for (;;) {
    const member = parentOf(outer);
    const call = member && parentOf(member);
    if (!member || !isMemberAccess(member) || unwrap(member.expression) !== outer) break;
    if (!call || !ts.isCallExpression(call) || call.expression !== outermost(member)) break;
    if (propertyName(member) === "update") inputs.push(...call.arguments);
    outer = call;
  }
  return { inputs, outer };
}

/** Says whether a weak hash is fed a password, from what goes in or where the digest goes. */
export function hashesPassword(inputs: ts.Node[], outer: ts.Node): boolean {
  if (inputs.some(mentionsPassword)) return true;
  const awaited = parentOf(outer);
  const target = awaited && ts.isAwaitExpression(awaited) ? awaited : outer;
  if (isPasswordName(bindingName(target))) return true;
  const fn = enclosingFunction(outer);
  return !!fn && isPasswordName(functionName(fn));
}

/** `const h = createHash("md5"); h.update(password)`: the update arguments of every read of `h`. */
function inputsThroughVariable(context: NativeContext, hasher: ts.CallExpression): ts.Node[] {
  const holder = parentOf(hasher);
  if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name) || holder.initializer !== outermost(hasher)) return [];
  const binding = context.scope.resolve(holder.name);
  return binding ? binding.references.filter((r) => r.read).flatMap((r) => chainFrom(r.id).inputs) : [];
}

export default defineRule({
  id: "js/weak-password-hash",
  engine: "native",
  title: "Password hashed with a fast, broken hash",
  description: "MD5 or SHA-1 applied to passwords and other secrets lets stolen hashes be cracked quickly.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-916", "CWE-328"],
  owasp: ["A02"],
  languages: JS_LANGUAGES,
  // Every finding names its algorithm, in the call or in its argument.
  triggers: ["md4", "md5", "sha1", "sha-1"].flatMap(anyCase),
  messages: {
    weakHash:
      "{{algorithm}} is used on a password or secret; it is fast and broken, so leaked hashes are cracked in minutes. Use bcrypt, scrypt or argon2.",
  },
  create(context) {
    return {
      CallExpression(node) {
        const algorithm = weakHashAlgorithm(node);
        if (!algorithm) return;
        const isHasher = calleeName(node)!.toLowerCase() === "createhash";
        const { inputs, outer } = chainFrom(node);
        if (isHasher) inputs.push(...inputsThroughVariable(context, node));
        else inputs.push(...node.arguments);
        if (!hashesPassword(inputs, outer)) return;
        context.report({ node, messageId: "weakHash", data: { algorithm: algorithm.toUpperCase() } });
      },
    };
  },
});
