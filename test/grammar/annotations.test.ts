/**
 * The annotation grammar injected into real TextMate grammars (tm-grammars) of every language it
 * is contributed for, tokenised with vscode-textmate and the Oniguruma engine VS Code uses.
 */
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from "vscode-textmate";
import { createOnigScanner, createOnigString, loadWASM } from "vscode-oniguruma";

const ROOT = path.join(__dirname, "..", "..");
const INJECTION_FILE = path.join(ROOT, "syntaxes", "threatmodel-annotations.tmLanguage.json");
const SHELL_FILE = path.join(ROOT, "syntaxes", "threatmodel-annotations-shell.tmLanguage.json");
const scopeOf = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { scopeName: string }).scopeName;
const INJECTION = scopeOf(INJECTION_FILE);
const SHELL_INJECTION = scopeOf(SHELL_FILE);
/** The base grammars it is injected into (the shell one also gets its own grammar, see that file). */
const INJECT_TO: Record<string, string> = {
  "source.js": "javascript",
  "source.ts": "typescript",
  "source.python": "python",
  "source.go": "go",
  "source.java": "java",
  "source.yaml": "yaml",
  "source.shell": "shellscript",
};

let registry: Registry;
before(async () => {
  await loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer as ArrayBuffer);
  registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName) => {
      const own = scopeName === INJECTION ? INJECTION_FILE : scopeName === SHELL_INJECTION ? SHELL_FILE : undefined;
      if (own) return parseRawGrammar(readFileSync(own, "utf8"), own);
      const lang = INJECT_TO[scopeName];
      if (!lang) return null;
      const file = require.resolve(`tm-grammars/grammars/${lang}.json`);
      return parseRawGrammar(readFileSync(file, "utf8"), file);
    },
    getInjections: (scopeName) => (scopeName === "source.shell" ? [INJECTION, SHELL_INJECTION] : INJECT_TO[scopeName] ? [INJECTION] : undefined),
  });
});

/** Each token's text with its innermost scope, for the tokens that carry a Vigil scope or a string. */
function tokens(grammar: IGrammar, source: string): [string, string[]][] {
  let state = INITIAL;
  const out: [string, string[]][] = [];
  for (const line of source.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
    state = r.ruleStack;
  }
  return out;
}

function vigilScopes(grammar: IGrammar, source: string): [string, string][] {
  return tokens(grammar, source)
    .map(([text, scopes]) => [text, scopes.find((s) => s.endsWith(".vigil"))] as [string, string | undefined])
    .filter((t): t is [string, string] => t[1] !== undefined);
}

const CASES: { scope: string; source: string; inString: string }[] = [
  { scope: "source.js", source: "// @mitigates T1: inputs are bound\nconst a = 1;", inString: 'const s = "@threat T9";' },
  { scope: "source.ts", source: "/** @accepts T1: legacy partner */\nlet a: number;", inString: "const s: string = '@threat T9';" },
  { scope: "source.python", source: "# @mitigates T1: inputs are bound\nx = 1", inString: 's = "@threat T9"' },
  { scope: "source.go", source: "// @mitigates T1: inputs are bound\nvar x = 1", inString: 'var s = "@threat T9"' },
  { scope: "source.java", source: "// @mitigates T1: inputs are bound\nclass A {}", inString: 'String s = "@threat T9";' },
  { scope: "source.yaml", source: "# @mitigates T1: inputs are bound\nkey: value", inString: 'key: "@threat T9"' },
  { scope: "source.shell", source: "# @mitigates T1: inputs are bound\necho hi", inString: 'echo "@threat T9"' },
];

describe("threat-model annotations are highlighted in comments", () => {
  for (const c of CASES) {
    test(c.scope, async () => {
      const grammar = (await registry.loadGrammar(c.scope))!;
      assert.ok(grammar, `${c.scope} loads`);
      const found = vigilScopes(grammar, c.source);
      const kind = c.scope === "source.ts" ? "accepts" : "mitigates";
      const note = c.scope === "source.ts" ? "legacy partner " : "inputs are bound";
      assert.deepEqual(found, [
        [`@${kind}`, `keyword.other.annotation.${kind}.vigil`],
        ["T1", "constant.other.threat-id.vigil"],
        [":", "punctuation.separator.key-value.vigil"],
        [note, "string.unquoted.annotation-note.vigil"],
      ]);
      const all = tokens(grammar, c.source).find(([text]) => text === "T1")![1];
      assert.ok(all.some((s) => s.startsWith("comment.")), `T1 sits in a comment scope: ${all.join(" ")}`);
      assert.deepEqual(vigilScopes(grammar, c.inString), [], "an annotation-like string is not highlighted");
    });
  }

  test("@threat and @exposes", async () => {
    const grammar = (await registry.loadGrammar("source.js"))!;
    assert.deepEqual(vigilScopes(grammar, "// @threat T2\n// @exposes customer-db to T2"), [
      ["@threat", "keyword.other.annotation.threat.vigil"],
      ["T2", "constant.other.threat-id.vigil"],
      ["@exposes", "keyword.other.annotation.exposes.vigil"],
      ["customer-db", "variable.other.asset.vigil"],
      ["to", "keyword.operator.to.vigil"],
      ["T2", "constant.other.threat-id.vigil"],
    ]);
  });
});
