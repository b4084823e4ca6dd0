import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { calleeName, isMemberAccess, memberPath, staticString, unwrap } from "./tree";

const CIPHER_CALLS = new Set(["createCipheriv", "createDecipheriv", "createCipher", "createDecipher"]);
const DEPRECATED = new Set(["createCipher", "createDecipher"]);

/** Why an algorithm name is weak: a broken cipher (DES, 3DES, RC2, RC4, Blowfish) or ECB mode. */
export function cipherWeakness(algorithm: string): "broken" | "ecb" | undefined {
  const a = algorithm.toLowerCase();
  if (/^(des|3des|tripledes|rc2|rc4|bf|blowfish)(\b|-|$)/.test(a) || /^des-ede/.test(a)) return "broken";
  if (/(^|-)ecb$/.test(a)) return "ecb";
  return undefined;
}

/** Node's own `crypto.createCipher` (not node-forge's `forge.cipher.createCipher`, which takes a mode). */
function isNodeCrypto(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!isMemberAccess(callee)) return false;
  const owner = memberPath(callee.expression)?.split(".").pop();
  return owner === "crypto" || owner === "nodeCrypto";
}

export default defineRule({
  id: "js/weak-cipher",
  engine: "native",
  title: "Broken or risky cipher",
  description: "Encryption with DES, 3DES, RC2, RC4, Blowfish, ECB mode or the deprecated crypto.createCipher can be broken or leaks patterns in the data.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-327"],
  owasp: ["A02"],
  languages: JS_LANGUAGES,
  triggers: ["Cipher"],
  messages: {
    broken: "{{algorithm}} is a broken or obsolete cipher; use aes-256-gcm or chacha20-poly1305.",
    ecb: "{{algorithm}} uses ECB mode, which encrypts equal blocks to equal ciphertext and leaks patterns; use aes-256-gcm.",
    deprecated:
      "crypto.{{call}} derives the key with one unsalted MD5 round and uses no IV (removed in Node 22); use createCipheriv with a random IV and a key from scrypt.",
  },
  create(context) {
    return {
      CallExpression(node) {
        const call = calleeName(node);
        if (!call || !CIPHER_CALLS.has(call)) return;
        const algorithm = staticString(node.arguments[0]);
        const weakness = algorithm !== undefined ? cipherWeakness(algorithm) : undefined;
        if (weakness) context.report({ node, messageId: weakness, data: { algorithm: algorithm! } });
        else if (DEPRECATED.has(call) && isNodeCrypto(node)) context.report({ node, messageId: "deprecated", data: { call } });
      },
    };
  },
});
