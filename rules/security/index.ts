/**
 * eslint-plugin-security's rules joined to the registry: each gains CWE, OWASP and a calibrated
 * severity and confidence. Its checks run on TypeScript's tree in the shared walk (rules/security/
 * checks.ts), held to the plugin's own findings by test/security-parity.test.ts.
 */
import { defineRule, type NativeRule, type RuleMeta } from "../../server/src/engine/rule";
import { NATIVE_CHECKS } from "./checks";
import { JS_LANGUAGES } from "../../server/src/engine/language";

type Calibration = Pick<RuleMeta, "title" | "description" | "severity" | "confidence" | "cwe" | "owasp"> & {
  /** Why a rule is off by default, when it is. */
  offBecause?: string;
};

const CALIBRATION: Record<string, Calibration> = {
  "detect-bidi-characters": {
    title: "Bidirectional control characters in source",
    description: "Unicode bidi control characters can make code read differently from how it runs (Trojan Source).",
    severity: "high", confidence: "high", cwe: ["CWE-1007"], owasp: ["A08"],
  },
  "detect-invisible-characters": {
    title: "Invisible characters in source",
    description: "Invisible Unicode characters can hide identifiers or logic from reviewers.",
    severity: "medium", confidence: "medium", cwe: ["CWE-1007"], owasp: ["A08"],
  },
  "detect-buffer-noassert": {
    title: "Buffer read or write without bounds check",
    description: "Buffer methods called with noAssert skip the offset check and can read or write out of bounds.",
    severity: "medium", confidence: "high", cwe: ["CWE-119"], owasp: ["A04"],
  },
  "detect-child-process": {
    title: "child_process used with a non-literal command",
    description: "A shell command built from a variable can run attacker-chosen commands.",
    severity: "medium", confidence: "low", cwe: ["CWE-78"], owasp: ["A03"],
  },
  "detect-disable-mustache-escape": {
    title: "Template escaping disabled",
    description: "Setting escapeMarkup to false renders untrusted values as raw HTML.",
    severity: "high", confidence: "high", cwe: ["CWE-79"], owasp: ["A03"],
  },
  "detect-eval-with-expression": {
    title: "eval with an expression",
    description: "eval of a non-literal argument runs code chosen at run time.",
    severity: "high", confidence: "medium", cwe: ["CWE-95"], owasp: ["A03"],
    offBecause: "js/code-injection covers the same calls plus Function, vm and string timers",
  },
  "detect-new-buffer": {
    title: "new Buffer with a non-literal argument",
    description: "new Buffer(n) with a number allocates uninitialised memory that can leak data.",
    severity: "medium", confidence: "medium", cwe: ["CWE-908"], owasp: ["A04"],
  },
  "detect-no-csrf-before-method-override": {
    title: "CSRF middleware before methodOverride",
    description: "express.methodOverride after csrf lets a forged POST bypass the CSRF check.",
    severity: "medium", confidence: "high", cwe: ["CWE-352"], owasp: ["A01"],
  },
  "detect-non-literal-fs-filename": {
    title: "File system call with a non-literal path",
    description: "A file path built from a variable may let a caller reach files outside the intended folder.",
    severity: "low", confidence: "low", cwe: ["CWE-22"], owasp: ["A01"],
  },
  "detect-non-literal-regexp": {
    title: "RegExp built from a non-literal",
    description: "A regular expression built at run time may be attacker-controlled and catastrophically slow.",
    severity: "low", confidence: "low", cwe: ["CWE-1333"], owasp: ["A03"],
  },
  "detect-non-literal-require": {
    title: "require with a non-literal argument",
    description: "Loading a module named at run time can load attacker-chosen code.",
    severity: "medium", confidence: "low", cwe: ["CWE-829"], owasp: ["A08"],
  },
  "detect-object-injection": {
    title: "Bracket access with a variable key",
    description: "obj[key] with a user-controlled key can reach prototype properties.",
    severity: "low", confidence: "low", cwe: ["CWE-1321"], owasp: ["A03"],
    offBecause: "it flags most bracket access; taint's prototype-pollution check replaces it",
  },
  "detect-possible-timing-attacks": {
    title: "Secret compared with a non-constant-time operator",
    description: "Comparing secrets with === leaks how many leading characters match through timing.",
    severity: "low", confidence: "low", cwe: ["CWE-208"], owasp: ["A02"],
  },
  "detect-pseudoRandomBytes": {
    title: "crypto.pseudoRandomBytes",
    description: "pseudoRandomBytes is not cryptographically secure.",
    severity: "medium", confidence: "high", cwe: ["CWE-338"], owasp: ["A02"],
  },
  "detect-unsafe-regex": {
    title: "Regular expression vulnerable to ReDoS",
    description: "A regex with nested quantifiers can take exponential time on crafted input.",
    severity: "medium", confidence: "medium", cwe: ["CWE-1333"], owasp: ["A05"],
  },
};

export const SECURITY_PLUGIN_RULES: readonly NativeRule[] = Object.entries(CALIBRATION).map(([name, cal]) => {
  const check = NATIVE_CHECKS[name];
  if (!check) throw new Error(`no check for eslint-plugin-security's ${name}`);
  const { offBecause, ...meta } = cal;
  return defineRule({ ...meta, ...check, id: `security/${name}`, engine: "native", languages: JS_LANGUAGES, enabledByDefault: offBecause === undefined });
});

/** Rules calibrated off, with the reason; printed by `vigil rules` and checked by the parity bench. */
export const CALIBRATED_OFF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CALIBRATION)
    .filter(([, c]) => c.offBecause)
    .map(([name, c]) => [`security/${name}`, c.offBecause!]),
);
