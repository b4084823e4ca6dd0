import * as path from "node:path";
import { Linter } from "eslint/universal";
import type { Rule } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import type { Fix } from "../finding";
import type { RawFinding } from "../analyzer";
import type { JsRule } from "../rule";
import type { LineIndex } from "../text";
import type { RuleSelection } from "../rule-selection";

/**
 * Runs every enabled JS/TS rule (ours and eslint-plugin-security's) in one ESLint traversal over
 * the typescript-eslint AST. No type information: a file is analysed on its own text.
 */


const ESLINT_PREFIX = "vigil/";
const eslintName = (id: string) => ESLINT_PREFIX + id.replace(/\//g, "--");

interface Prepared {
  config: Linter.Config[];
  byEslintName: Map<string, JsRule>;
}
const prepared = new WeakMap<RuleSelection, Prepared>();
const linter = new Linter({ configType: "flat" });

function prepare(selection: RuleSelection): Prepared {
  let p = prepared.get(selection);
  if (p) return p;
  const byEslintName = new Map<string, JsRule>();
  const rules: Record<string, Rule.RuleModule> = {};
  const ruleLevels: Linter.RulesRecord = {};
  for (const rule of selection.jsRules) {
    const name = rule.id.replace(/\//g, "--");
    byEslintName.set(ESLINT_PREFIX + name, rule);
    rules[name] = {
      meta: { type: "problem", fixable: "code", hasSuggestions: true, messages: rule.messages, schema: false },
      create: rule.create,
    };
    ruleLevels[eslintName(rule.id)] = "error";
  }
  const config: Linter.Config[] = [
    {
      // ESLint lints a non-JS extension only when a config names it explicitly.
      files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
      languageOptions: {
        parser: tsParser as Linter.Parser,
        ecmaVersion: "latest",
        sourceType: "module",
        parserOptions: { ecmaFeatures: { jsx: true } },
        // CommonJS names are known bindings, so `path.join(__dirname, "x")` counts as static.
        globals: { __dirname: "readonly", __filename: "readonly", require: "readonly", module: "writable", exports: "writable" },
      },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
      plugins: { vigil: { rules } },
      rules: ruleLevels,
    },
  ];
  p = { config, byEslintName };
  prepared.set(selection, p);
  return p;
}

/**
 * ESLint matches configs against paths under its cwd, so a file outside it would get no rules.
 * The parser only needs the extension (it picks TS, TSX or JS from it), so pass a fixed name.
 */
function virtualName(filePath: string): string {
  return `input${path.extname(filePath).toLowerCase() || ".js"}`;
}

export interface EslintOutcome {
  findings: RawFinding[];
  parseError?: { message: string; offset: number };
  failedRules: { rule: JsRule; error: string }[];
}

export function runEslint(filePath: string, lines: LineIndex, selection: RuleSelection): EslintOutcome {
  const p = prepare(selection);
  const outcome: EslintOutcome = { findings: [], failedRules: [] };
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(lines.text, p.config, { filename: virtualName(filePath) });
  } catch (err) {
    // A rule threw: run the rules one by one so one failing rule never hides the others.
    return runRulesSeparately(filePath, lines, selection, p, err);
  }
  collect(messages, lines, p, outcome);
  return outcome;
}

function runRulesSeparately(
  filePath: string,
  lines: LineIndex,
  selection: RuleSelection,
  p: Prepared,
  firstError: unknown,
): EslintOutcome {
  const outcome: EslintOutcome = { findings: [], failedRules: [] };
  const base = p.config[0]!;
  for (const rule of selection.jsRules) {
    const name = eslintName(rule.id);
    const config: Linter.Config[] = [{ ...base, rules: { [name]: "error" } }];
    try {
      collect(linter.verify(lines.text, config, { filename: virtualName(filePath) }), lines, p, outcome);
    } catch (err) {
      outcome.failedRules.push({ rule, error: errorText(err) });
    }
    if (outcome.parseError) break;
  }
  if (outcome.failedRules.length === 0 && !outcome.parseError) {
    // Nothing failed alone: report the original failure against no particular rule.
    outcome.failedRules.push({ rule: selection.jsRules[0]!, error: errorText(firstError) });
  }
  return outcome;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}

function collect(messages: Linter.LintMessage[], lines: LineIndex, p: Prepared, outcome: EslintOutcome): void {
  for (const m of messages) {
    if (m.fatal) {
      // typescript-estree reports a parse error's column 0-based (espree's is 1-based), and ESLint
      // passes it through unchanged.
      const offset = lines.offsetAt({ line: Math.max(0, m.line - 1), character: Math.max(0, m.column) });
      outcome.parseError = { message: m.message.replace(/^Parsing error: /, ""), offset };
      return;
    }
    const rule = m.ruleId ? p.byEslintName.get(m.ruleId) : undefined;
    if (!rule) continue;
    const start = { line: m.line - 1, character: m.column - 1 };
    const end = m.endLine !== undefined ? { line: m.endLine - 1, character: (m.endColumn ?? m.column) - 1 } : start;
    const fixes: Fix[] = [];
    if (m.fix) fixes.push(toFix(rule.fixTitle ?? "Apply the safe fix", m.fix, lines, true));
    for (const s of m.suggestions ?? []) fixes.push(toFix(s.desc, s.fix, lines, false));
    outcome.findings.push({ rule, ruleId: rule.id, message: m.message, range: { start, end }, fixes });
  }
}

function toFix(title: string, fix: Rule.Fix, lines: LineIndex, isPreferred: boolean): Fix {
  return { title, isPreferred, edits: [{ range: lines.rangeOf(fix.range[0], fix.range[1]), newText: fix.text }] };
}
