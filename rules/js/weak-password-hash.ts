import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { bindingName, calleeName, descendants, enclosingFunction, functionName, parentOf, propertyName, staticString, type Node } from "./ast";
import { isPasswordName } from "./names";
import { readsOf } from "./scope";

const WEAK_HASHES = new Set(["md4", "md5", "sha1", "sha-1"]);
/** Helper libraries named after the hash: `md5(x)` (md5), `CryptoJS.MD5(x)`, `sha1(x)`. */
const WEAK_HASH_FUNCTIONS = new Set(["md5", "md4", "sha1"]);

/** The weak algorithm of `createHash("md5")` or `md5(...)`, if this call is one. */
export function weakHashAlgorithm(call: ESTree.CallExpression): string | undefined {
  const name = calleeName(call)?.toLowerCase();
  if (name === "createhash") {
    const alg = staticString(call.arguments[0] as Node)?.toLowerCase();
    return alg !== undefined && WEAK_HASHES.has(alg) ? alg : undefined;
  }
  return name !== undefined && WEAK_HASH_FUNCTIONS.has(name) ? name : undefined;
}

/** True when an expression mentions a password-like name (`password`, `req.body.pwd`, `secret + salt`). */
function mentionsPassword(expr: Node): boolean {
  return descendants(expr, (n) => n.type === "Identifier" && isPasswordName(n.name)).length > 0;
}

/** `createHash("md5").update(a).update(b).digest()`: the update arguments and the outermost call. */
function chainFrom(start: Node): { inputs: Node[]; outer: Node } {
  const inputs: Node[] = [];
  let outer = start;
  for (;;) {
    const member = parentOf(outer);
    const call = member && parentOf(member);
    if (member?.type !== "MemberExpression" || member.object !== outer || call?.type !== "CallExpression") break;
    if (propertyName(member) === "update") inputs.push(...(call.arguments as Node[]));
    outer = call;
  }
  return { inputs, outer };
}

/** Says whether a weak hash is fed a password, from what goes in or where the digest goes. */
export function hashesPassword(inputs: Node[], outer: Node): boolean {
  if (inputs.some(mentionsPassword)) return true;
  const target = parentOf(outer)?.type === "AwaitExpression" ? parentOf(outer)! : outer;
  if (isPasswordName(bindingName(target))) return true;
  const fn = enclosingFunction(outer);
  return !!fn && isPasswordName(functionName(fn));
}

export default defineRule({
  id: "js/weak-password-hash",
  engine: "eslint",
  title: "Password hashed with a fast, broken hash",
  description: "MD5 or SHA-1 applied to passwords and other secrets lets stolen hashes be cracked quickly.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-916", "CWE-328"],
  owasp: ["A02"],
  languages: JS_LANGUAGES,
  messages: {
    weakHash:
      "{{algorithm}} is used on a password or secret; it is fast and broken, so leaked hashes are cracked in minutes. Use bcrypt, scrypt or argon2.",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    return {
      CallExpression(node: ESTree.CallExpression & Rule.NodeParentExtension) {
        const algorithm = weakHashAlgorithm(node);
        if (!algorithm) return;
        const isHasher = calleeName(node)?.toLowerCase() === "createhash";
        const { inputs, outer } = chainFrom(node);
        if (!isHasher) inputs.push(...(node.arguments as Node[]));
        // `const h = createHash("md5"); h.update(password)`: follow the hasher through its variable.
        const holder = parentOf(node);
        if (isHasher && holder?.type === "VariableDeclarator" && holder.id.type === "Identifier") {
          for (const read of readsOf(context, holder.id)) inputs.push(...chainFrom(read as Node).inputs);
        }
        if (!hashesPassword(inputs, outer)) return;
        context.report({ node, messageId: "weakHash", data: { algorithm: algorithm.toUpperCase() } });
      },
    };
  },
});
