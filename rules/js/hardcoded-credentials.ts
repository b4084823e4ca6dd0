import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { bindingName, edit, memberPath, outermost, parentOf, referenceName } from "./tree";
import { credentialNameSpellings, isCredentialName, upperSnake, words } from "./names";
import { findProviderTokens, PROVIDER_PATTERNS } from "../../server/src/engine/secrets/providers";
import { findPrivateKeys } from "../../server/src/engine/secrets/private-keys";
import { isPlaceholder, looksRandom, mask } from "../../server/src/engine/secrets/values";

/** A provider-issued token or private key that makes up the whole value (format checks, checksums). */
export function provider(value: string): { what: string; env: string } | undefined {
  const token = findProviderTokens(value).find((m) => m.secret.length >= value.trim().length - 1);
  if (token) return { what: `a ${token.pattern.name}`, env: token.pattern.envName };
  const key = findPrivateKeys(value)[0];
  return key ? { what: `a ${key.kind}`, env: "PRIVATE_KEY" } : undefined;
}

/** Code adds its own stand-ins to the shared list: test fixtures and keyboard runs. */
const CODE_PLACEHOLDER = /test|1234|abcd|qwerty|lorem/i;

export function isPlaceholderValue(value: string): boolean {
  return value.trim() === "" || isPlaceholder(value) || CODE_PLACEHOLDER.test(value);
}

/**
 * Made of words (`FlowPasswordRequiredResultV2`, `msal:acquireTokenStart`, `token_sha256_to_refresh`):
 * event names and protocol constants, not secrets. Generated values are mostly mixed letter-digit runs.
 */
function isWordy(value: string): boolean {
  const wordChars = words(value).filter((w) => /^[a-z]{3,}$/.test(w)).reduce((n, w) => n + w.length, 0);
  return wordChars >= 0.6 * value.replace(/[^A-Za-z0-9]/g, "").length;
}

/** A value that looks generated (a key, a token, a strong password), not a word, name, path or message. */
export function looksGenerated(value: string): boolean {
  return value.length >= 12 && looksRandom(value) && !isWordy(value);
}

const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.QuestionQuestionToken]);
const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Where a literal sits: the name it is bound to or compared with, and whether it is an env fallback. */
export function literalContext(node: ts.Node): { name?: string; envFallback: boolean } {
  const p = parentOf(node);
  const at = outermost(node);
  if (p && ts.isBinaryExpression(p) && LOGICAL.has(p.operatorToken.kind) && p.right === at) {
    return { name: bindingName(p), envFallback: /^process\.env\b/.test(memberPath(p.left) ?? "") };
  }
  if (p && ts.isBinaryExpression(p) && EQUALITY.has(p.operatorToken.kind)) {
    return { name: referenceName(p.left === at ? p.right : p.left), envFallback: false };
  }
  return { name: bindingName(node), envFallback: false };
}

/** Neither a provider token nor a generated value fits in fewer characters. */
const SHORTEST_REPORTED = 12;

export default defineRule({
  id: "js/hardcoded-credentials",
  engine: "native",
  title: "Hard-coded credential",
  description: "Passwords, API keys, tokens and private keys written into source code leak with every copy of the code.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: JS_LANGUAGES,
  // A finding needs a credential name or a provider's token (or a private key, whose header has "KEY").
  triggers: [...credentialNameSpellings(), ...PROVIDER_PATTERNS.flatMap((p) => p.needles)],
  messages: {
    provider: "This string is {{what}} ({{masked}}) written into the code; revoke it and load it from the environment or a secret store.",
    named: "`{{name}}` is set to a hard-coded secret ({{masked}}); load it from the environment or a secret store.",
    useEnv: "Read it from process.env.{{env}}",
  },
  create(context) {
    const check = (node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral) => {
      const value = node.text;
      if (value.length < SHORTEST_REPORTED) return;
      const { name, envFallback } = literalContext(node);
      const known = provider(value);
      if (!known && (envFallback || !isCredentialName(name) || !looksGenerated(value))) return;
      // Last: most long strings are neither tokens nor named secrets, and this is the dearer test.
      if (isPlaceholderValue(value)) return;
      const env = name !== undefined ? upperSnake(name) : known!.env;
      context.report({
        node,
        messageId: known ? "provider" : "named",
        data: { what: known?.what ?? "", name: name ?? "", masked: mask(value) },
        suggest: [{ messageId: "useEnv", data: { env }, fix: edit.replace(context, node, `process.env.${env}`) }],
      });
    };
    return { StringLiteral: check, NoSubstitutionTemplateLiteral: check };
  },
});
