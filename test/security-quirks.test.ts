/// <reference path="../server/src/types/eslint-plugin-security.d.ts" />
/// <reference path="../server/src/types/safe-regex.d.ts" />
/**
 * eslint-plugin-security's checks on TypeScript's tree, held to the plugin on code written to hit
 * its corner cases (test/fixtures/security-quirks): optional chains, parentheses, destructuring
 * defaults, private names, JSX, a shebang, comments on either side of a token, names spelt with
 * escapes, secret names in capitals. The real plugin (through ESLint, as Vigil's ESLint analyzer
 * runs it) and Vigil report the same findings with the same ranges and messages.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import safeRegex from "safe-regex";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import security from "eslint-plugin-security";
import { ALL_RULES } from "../rules";
import { NATIVE_CHECKS } from "../rules/security/checks";
import { safeRegexVerdict } from "../rules/security/detect-unsafe-regex";
import { analyzeFile, type AnalysisContext } from "../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../server/src/engine/settings";

const QUIRKS = path.join(__dirname, "fixtures", "security-quirks");
const CHECKED = [
  "detect-bidi-characters", "detect-invisible-characters", "detect-buffer-noassert", "detect-disable-mustache-escape",
  "detect-eval-with-expression", "detect-new-buffer", "detect-no-csrf-before-method-override", "detect-object-injection",
  "detect-possible-timing-attacks", "detect-pseudoRandomBytes", "detect-unsafe-regex",
];

const linter = new Linter({ configType: "flat" });
const pluginConfig: Linter.Config[] = [
  {
    files: ["**/*.{js,jsx,ts,tsx}"],
    languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { security: security as unknown as NonNullable<Linter.Config["plugins"]>[string] },
    rules: Object.fromEntries(CHECKED.map((r) => [`security/${r}`, "error"])),
  },
];
const vigilContext: AnalysisContext = {
  settings: { ...DEFAULT_SETTINGS, analysisTimeout: 0, rules: Object.fromEntries(ALL_RULES.map((r) => [r.id, CHECKED.includes(r.id.slice("security/".length)) ? "on" : "off"])) },
};

/** "rule line:column-line:column message", 1-based as ESLint reports, sorted. */
function pluginFindings(file: string, text: string): string[] {
  const messages = linter.verify(text, pluginConfig, { filename: `input${path.extname(file)}` });
  assert.ok(!messages.some((m) => m.fatal), `${file} parses`);
  return messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`).sort();
}

function vigilFindings(file: string, text: string): string[] {
  return analyzeFile({ path: file, text }, vigilContext)
    .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`)
    .sort();
}

describe("eslint-plugin-security's corner cases, native", () => {
  test("every check here runs natively", () => {
    assert.deepEqual(CHECKED.filter((r) => !NATIVE_CHECKS[r]), []);
  });

  for (const name of readdirSync(QUIRKS).sort()) {
    test(name, () => {
      const file = path.join(QUIRKS, name);
      const text = readFileSync(file, "utf8");
      const expected = pluginFindings(file, text);
      assert.ok(expected.length > 0, "the plugin finds something here");
      assert.deepEqual(vigilFindings(file, text), expected);
    });
  }
});

describe("detect-unsafe-regex's verdict", () => {
  const fewQuantifiers = fc
    .tuple(fc.array(fc.constantFrom("a", "b", "(", ")", "[", "]", "|", "^", "$", ".", "\\", "/", "-", "0", "1", ",", "}", "g", "u"), { maxLength: 14 }), fc.constantFrom("", "*", "+", "?", "{", "{2}", "{1,3}"), fc.nat())
    .map(([chars, quantifier, at]) => {
      const i = chars.length === 0 ? 0 : at % (chars.length + 1);
      return [...chars.slice(0, i), quantifier, ...chars.slice(i)].join("");
    });

  test("is safe-regex's own on patterns with at most one quantifier character (taken without its parse)", () => {
    fc.assert(fc.property(fewQuantifiers, (pattern) => safeRegexVerdict(pattern) === safeRegex(pattern)), { numRuns: 3000 });
  });

  test("is safe-regex's own elsewhere", () => {
    for (const pattern of ["/(a+)+$/", "(a+)+", "^(\\w+\\s?)*$", "a{2}b{3}", "/[/]/", "(", "/a**/", "a".repeat(30).split("").join("?")]) {
      assert.equal(safeRegexVerdict(pattern), safeRegex(pattern), pattern);
    }
  });
});
