/// <reference path="../server/src/types/eslint-plugin-security.d.ts" />
/**
 * eslint-plugin-security's checks keep their meaning in Vigil: the real plugin, run through
 * ESLint's Linter as Vigil configures it (typescript-eslint parser, CommonJS globals), and Vigil's
 * own checks, run through analyzeFile with only the security/* rules on, report the same findings
 * (rule, range, message) on every security fixture, on code written to hit the plugin's corner
 * cases (test/fixtures/security-parity, security-quirks) and on a fixed sample of real JS/TS code
 * from the repository's node_modules. Rules still on ESLint are compared too.
 *
 * `VIGIL_PARITY_ROOT=<dir> node test/run.mjs security-parity` compares over every JS/TS file
 * under another tree instead of the sample (the bench corpus, say).
 */
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import security from "eslint-plugin-security";
import { ALL_RULES } from "../rules";
import { analyzeFile, type AnalysisContext } from "../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../server/src/engine/settings";
import { looksMinified } from "../server/src/engine/files";

const REPO = path.join(__dirname, "..");
const PLUGIN_RULES = Object.keys(security.rules ?? {}).sort();

/** Packages whose JS/TS make up the sample: varied code, among it fs, child_process, require and RegExp users. */
const SAMPLE_PACKAGES = [
  "eslint", "@typescript-eslint", "ajv", "yaml", "mocha", "@vscode", "semver", "regexp-tree",
  "diff", "xmlbuilder", "vscode-languageclient", "vscode-languageserver", "vscode-languageserver-protocol", "vscode-jsonrpc",
  "cockatiel", "playwright-core", "@secretlint", "glob", "path-scurry", "tsx", "workerpool",
  "parse5", "jsonwebtoken", "typed-rest-client", "qs", "uri-js", "fast-uri", "entities", "jsonc-parser",
];
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const MAX_BYTES = 256 * 1024;

/** Every JS/TS source file under `dir` (no declarations, bundles or minified files), in a fixed order. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name) && !e.name.includes(".min.") && statSync(p).size <= MAX_BYTES) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/** 1-based, as ESLint reports. */
interface Finding {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
const keyOf = (f: Finding) => `${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`;

const linter = new Linter({ configType: "flat" });
/** The plugin as Vigil's ESLint analyzer runs it (server/src/engine/js/eslint-analyzer.ts), every rule on. */
const PLUGIN_CONFIG: Linter.Config[] = [
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    languageOptions: {
      parser: tsParser as Linter.Parser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { __dirname: "readonly", __filename: "readonly", require: "readonly", module: "writable", exports: "writable" },
    },
    // Vigil's own suppressions stand in for eslint-disable comments, which its ESLint analyzer ignores.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
    plugins: { security },
    rules: Object.fromEntries(PLUGIN_RULES.map((r) => [`security/${r}`, "error"])),
  },
];

function pluginFindings(file: string, text: string): { findings: Finding[]; parseError: boolean } {
  const messages = linter.verify(text, PLUGIN_CONFIG, { filename: `input${path.extname(file).toLowerCase()}` });
  const findings = messages
    .filter((m) => m.ruleId?.startsWith("security/"))
    .map((m) => ({ rule: m.ruleId!, line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column, message: m.message }));
  return { findings, parseError: messages.some((m) => m.fatal) };
}

/** Only eslint-plugin-security's rules, every one of them on (those calibrated off included). */
const VIGIL_CONTEXT: AnalysisContext = {
  settings: {
    ...DEFAULT_SETTINGS,
    analysisTimeout: 0,
    rules: Object.fromEntries(ALL_RULES.map((r) => [r.id, r.id.startsWith("security/") ? "on" : "off"])),
  },
};

function vigilFindings(file: string, text: string): Finding[] {
  return analyzeFile({ path: file, text }, VIGIL_CONTEXT)
    .filter((f) => f.ruleId.startsWith("security/"))
    .map((f) => {
      const { start, end } = f.range;
      return { rule: f.ruleId, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message: f.message };
    });
}

/** The findings of `a` that `b` lacks, counted as multisets. */
function missingFrom(a: Finding[], b: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(keyOf(f), (left.get(keyOf(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(keyOf(f)) ?? 0;
    left.set(keyOf(f), n - 1);
    return n <= 0;
  });
}

interface RuleTally {
  plugin: number;
  vigil: number;
  /** "file:line:column message" of each finding only one side reports. */
  onlyPlugin: string[];
  onlyVigil: string[];
}

describe("eslint-plugin-security parity", () => {
  const tally = new Map<string, RuleTally>(PLUGIN_RULES.map((r) => [`security/${r}`, { plugin: 0, vigil: 0, onlyPlugin: [], onlyVigil: [] }]));
  const fixtures = [
    ...readdirSync(path.join(REPO, "rules", "security")).filter((f) => f.includes(".cases.")).map((f) => path.join(REPO, "rules", "security", f)),
    ...sourceFiles(path.join(__dirname, "fixtures", "security-parity")),
    ...sourceFiles(path.join(__dirname, "fixtures", "security-quirks")),
  ];
  const root = process.env.VIGIL_PARITY_ROOT;
  const files = [...fixtures, ...(root ? sourceFiles(path.resolve(root)) : SAMPLE_PACKAGES.flatMap((p) => sourceFiles(path.join(REPO, "node_modules", p))))];
  let compared = 0;
  let parseErrors = 0;
  const milliseconds = { plugin: 0, vigil: 0 };

  before(() => {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (looksMinified(text)) continue;
      compared++;
      let started = performance.now();
      const plugin = pluginFindings(file, text);
      milliseconds.plugin += performance.now() - started;
      if (plugin.parseError) parseErrors++;
      started = performance.now();
      const vigil = vigilFindings(file, text);
      milliseconds.vigil += performance.now() - started;
      const where = path.relative(REPO, file);
      for (const [rule, t] of tally) {
        const p = plugin.findings.filter((f) => f.rule === rule);
        const v = vigil.filter((f) => f.rule === rule);
        t.plugin += p.length;
        t.vigil += v.length;
        for (const f of missingFrom(p, v)) t.onlyPlugin.push(`${where} ${keyOf(f)}`);
        for (const f of missingFrom(v, p)) t.onlyVigil.push(`${where} ${keyOf(f)}`);
      }
    }
    const s = (ms: number) => (ms / 1000).toFixed(1);
    console.log(`parity over ${compared} files (${parseErrors} the plugin's parser rejects): ESLint with the plugin ${s(milliseconds.plugin)} s, Vigil ${s(milliseconds.vigil)} s`);
    for (const [rule, t] of tally) {
      console.log(`  ${rule.padEnd(48)} plugin ${String(t.plugin).padStart(5)}  vigil ${String(t.vigil).padStart(5)}  only plugin ${t.onlyPlugin.length}  only vigil ${t.onlyVigil.length}`);
    }
  });

  test("the sample is real code: thousands of files, with findings", () => {
    assert.ok(compared >= (root ? 1 : 2000), `only ${compared} files compared`);
    assert.ok([...tally.values()].reduce((n, t) => n + t.plugin, 0) > 0);
  });

  for (const rule of PLUGIN_RULES.map((r) => `security/${r}`)) {
    test(`${rule}: the same findings both ways`, () => {
      const t = tally.get(rule)!;
      assert.deepEqual({ onlyPlugin: t.onlyPlugin.slice(0, 20), onlyVigil: t.onlyVigil.slice(0, 20) }, { onlyPlugin: [], onlyVigil: [] });
    });
  }
});
