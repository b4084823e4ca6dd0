// Finding parity, location by location (file, line, rule): that Vigil reports every finding of
// eslint-plugin-security's rules that the ESLint baseline reports, and that oxlint running the
// same plugin reports what ESLint does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Linter } from "eslint";
import security from "eslint-plugin-security";
import tseslint from "typescript-eslint";
import { count, formatTable } from "./table.mjs";

const SHOWN_LOCATIONS = 3;

const at = (f) => `${f.file}:${f.line}`;
const key = (f) => `${at(f)}\0${f.rule}`;

/** Findings grouped by key, so each one can be matched once. */
function byKey(findings) {
  const groups = new Map();
  for (const f of findings) {
    const k = key(f);
    if (groups.has(k)) groups.get(k).push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

/** The findings of `a` that `b` does not report at the same file, line and rule (as many times). */
function unmatched(a, b) {
  const left = new Map([...byKey(b)].map(([k, group]) => [k, group.length]));
  return a.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    return n === 0;
  });
}

/**
 * Per eslint-plugin-security rule the ESLint run enables: how many findings ESLint reported, how
 * many Vigil reported under `security/<rule>`, how many of ESLint's Vigil reports on the same line
 * under another rule of the same CWE (its analyze step keeps the most confident of two findings at
 * one place with one CWE), and how many it misses. `catalogue` maps Vigil's rule ids to
 * { enabledByDefault, cwe }; `calibratedOff` maps a rule off by default to the reason.
 * `pluginStillReports(f)`, when given, re-judges a missing finding with the plugin configured as
 * Vigil judges names: one the plugin then drops too is counted apart, as a difference of set-up.
 */
export function comparePluginFindings({ pluginRules, eslint, vigil, catalogue, calibratedOff, pluginStillReports }) {
  const vigilByLine = new Map();
  for (const f of vigil) {
    if (!vigilByLine.has(at(f))) vigilByLine.set(at(f), []);
    vigilByLine.get(at(f)).push(f);
  }
  const rows = pluginRules.map((rule) => {
    const ours = catalogue.get(rule);
    const expected = eslint.filter((f) => f.rule === rule);
    const reported = vigil.filter((f) => f.rule === rule);
    const row = { rule, plugin: expected.length, vigil: reported.length, otherRule: 0, otherRules: [], setUp: 0, missing: 0, firstMissing: [] };
    row.vigilOnly = unmatched(reported, expected).length;
    if (ours && !ours.enabledByDefault) {
      row.offBecause = calibratedOff[rule] ?? null;
      // Off without a recorded reason is a dropped check: its findings count as missing.
      if (row.offBecause) return row;
    }
    const sameCwe = (f) => f.rule !== rule && f.cwe.some((c) => ours?.cwe.includes(c));
    const others = new Set();
    for (const f of unmatched(expected, reported)) {
      const other = (vigilByLine.get(at(f)) ?? []).find(sameCwe);
      if (other) {
        row.otherRule++;
        others.add(other.rule);
      } else if (pluginStillReports && !pluginStillReports(f)) {
        row.setUp++;
      } else {
        row.missing++;
        if (row.firstMissing.length < SHOWN_LOCATIONS) row.firstMissing.push(at(f));
      }
    }
    row.otherRules = [...others].sort();
    return row;
  });
  const missing = rows.reduce((sum, row) => sum + row.missing, 0);
  return { rows, missing, met: missing === 0 };
}

/** Node's CommonJS globals: Vigil declares them when it judges a name (rules/security/variables.ts); the baseline declares none. */
const COMMONJS_GLOBALS = { __dirname: "readonly", __filename: "readonly", require: "readonly", module: "writable", exports: "writable" };

/**
 * For comparePluginFindings: whether the plugin, run in process over the file in `dir` with the
 * baseline's parser and rules plus Node's CommonJS globals, still reports a finding. Without those
 * globals `readdirSync(join(__dirname, "fixtures"))` reads as a path built from an unknown name.
 */
export function pluginWithCommonJsGlobals(dir) {
  // Files outside the linter's working folder match no configuration.
  const linter = new Linter({ configType: "flat", cwd: dir });
  const config = [
    {
      files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}"],
      languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module", globals: COMMONJS_GLOBALS },
    },
    security.configs.recommended,
  ];
  const byFile = new Map();
  return (f) => {
    let reported = byFile.get(f.file);
    if (!reported) {
      const file = join(dir, f.file);
      reported = new Set(linter.verify(readFileSync(file, "utf8"), config, file).map((m) => `${m.line}\0${m.ruleId}`));
      byFile.set(f.file, reported);
    }
    return reported.has(`${f.line}\0${f.rule}`);
  };
}

/** ESLint's and oxlint's plugin findings side by side; identical when neither has one the other lacks. */
export function compareAnchors(eslint, oxlint) {
  const onlyEslint = unmatched(eslint.findings, oxlint.findings);
  const onlyOxlint = unmatched(oxlint.findings, eslint.findings);
  return {
    eslint: eslint.findings.length,
    oxlint: oxlint.findings.length,
    onlyEslint: onlyEslint.length,
    onlyOxlint: onlyOxlint.length,
    firstOnlyEslint: onlyEslint.slice(0, SHOWN_LOCATIONS).map((f) => `${at(f)} ${f.rule}`),
    firstOnlyOxlint: onlyOxlint.slice(0, SHOWN_LOCATIONS).map((f) => `${at(f)} ${f.rule}`),
    parseErrors: { eslint: eslint.parseErrors.length, oxlint: oxlint.parseErrors.length },
    identical: onlyEslint.length === 0 && onlyOxlint.length === 0,
  };
}

export function printPluginParity(print, parity) {
  const table = [["eslint-plugin-security rule", "ESLint", "Vigil", "other rule", "set-up", "missing", "Vigil only", "first missing / why off"]];
  for (const row of parity.rows) {
    const name = row.rule.replace(/^security\//, "");
    const detail = row.offBecause
      ? `off by default: ${row.offBecause}`
      : [row.firstMissing.join(" "), row.otherRules.length ? `(other rule: ${row.otherRules.join(", ")})` : ""].filter(Boolean).join(" ");
    const missing = row.offBecause ? "-" : count(row.missing);
    table.push([name, count(row.plugin), count(row.vigil), count(row.otherRule), count(row.setUp), missing, count(row.vigilOnly), detail]);
  }
  print("parity by location (file, line, rule), ESLint's findings of the last run against Vigil's:");
  print(formatTable(table, ["l", "r", "r", "r", "r", "r", "r", "l"]));
  print(
    "  other rule: Vigil reports that line under another rule of the same CWE instead;" +
      " set-up: the plugin itself drops it once Node's CommonJS globals (__dirname, require...) are declared, as Vigil declares them;" +
      " Vigil only: Vigil's security/<rule> findings ESLint does not report (ESLint honours the corpus's eslint-disable comments)",
  );
}

export function printAnchorParity(print, a) {
  const verdict = a.identical ? "identical" : `differ: ${count(a.onlyEslint)} only in ESLint, ${count(a.onlyOxlint)} only in oxlint`;
  print(`oxlint against ESLint: ${count(a.oxlint)} and ${count(a.eslint)} plugin findings, ${verdict}; parse errors ESLint ${a.parseErrors.eslint}, oxlint ${a.parseErrors.oxlint}`);
  if (a.firstOnlyEslint.length) print(`  only in ESLint: ${a.firstOnlyEslint.join("; ")}`);
  if (a.firstOnlyOxlint.length) print(`  only in oxlint: ${a.firstOnlyOxlint.join("; ")}`);
}
