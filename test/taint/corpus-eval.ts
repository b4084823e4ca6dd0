/**
 * Scores the taint rules on the labelled corpus (test/corpus): every `// ruleid: <id>` line must
 * have a finding of that rule's CWE, every other finding is a false positive. Category-aware: a
 * finding counts where its CWE matches the label's, whichever taint rule reported it.
 * `npm run eval` prints the table; test/taint/corpus.test.ts holds the floors.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../../rules";
import { TAINT_RULES, TAINT_RULE_BY_ID } from "../../rules/js/taint";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { diskSourceFiles } from "../../server/src/engine/js/taint/disk-files";

export const CORPUS_DIR = path.join(__dirname, "..", "corpus");
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const ANNOTATION = /(?:\/\/|\/\*|#)\s*(ruleid|ok):\s*([\w./-]+(?:\s*,\s*[\w./-]+)*)/;

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  /** `ok` labels with no finding of their CWE. */
  tn: number;
}
export interface Evaluation {
  byCwe: Map<string, Score>;
  total: Score;
  annotated: { positive: number; negative: number };
  misses: string[];
  falsePositives: string[];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : SOURCE.test(e.name) ? [p] : [];
  });
}

const category = (ruleId: string) => TAINT_RULE_BY_ID.get(ruleId)?.cwe[0];

/** Labels of one file: `${line}:${cwe}` for positives and negatives. */
function labels(text: string): { positive: Set<string>; negative: Set<string> } {
  const lines = text.split(/\r?\n/);
  const positive = new Set<string>(), negative = new Set<string>();
  lines.forEach((l, i) => {
    const m = ANNOTATION.exec(l);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && ANNOTATION.test(lines[target]!)) target++;
    for (const id of m[2]!.split(/\s*,\s*/)) {
      const cwe = category(id);
      if (cwe) (m[1] === "ruleid" ? positive : negative).add(`${target}:${cwe}`);
    }
  });
  return { positive, negative };
}

export function evaluateCorpus(dir = CORPUS_DIR): Evaluation {
  const byCwe = new Map<string, Score>();
  const score = (cwe: string) => byCwe.get(cwe) ?? byCwe.set(cwe, { tp: 0, fp: 0, fn: 0, tn: 0 }).get(cwe)!;
  const ev: Evaluation = { byCwe, total: { tp: 0, fp: 0, fn: 0, tn: 0 }, annotated: { positive: 0, negative: 0 }, misses: [], falsePositives: [] };
  const project = { readFile: (p: string) => diskSourceFiles.read(p), importsOf: () => [] };
  const taintIds = new Set<string>(TAINT_RULES.map((r) => r.id));
  // The other analyzers' rules are off: they do not score here and would only slow the run.
  const settings = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(ALL_RULES.map((r) => [r.id, taintIds.has(r.id) ? "on" : "off"] as const)) };
  for (const file of files(dir).sort()) {
    const text = readFileSync(file, "utf8");
    const { positive, negative } = labels(text);
    ev.annotated.positive += positive.size;
    ev.annotated.negative += negative.size;
    const found = new Set<string>();
    for (const f of analyzeFile({ path: file, text }, { settings, project })) {
      if (!taintIds.has(f.ruleId)) continue;
      found.add(`${f.range.start.line}:${category(f.ruleId)}`);
    }
    const where = (key: string) => `${path.relative(dir, file)}:${Number(key.split(":")[0]) + 1} ${key.split(":")[1]}`;
    for (const key of positive) {
      const s = score(key.split(":")[1]!);
      if (found.has(key)) s.tp++;
      else {
        s.fn++;
        ev.misses.push(where(key));
      }
    }
    for (const key of negative) if (!found.has(key)) score(key.split(":")[1]!).tn++;
    for (const key of found) {
      if (positive.has(key)) continue;
      score(key.split(":")[1]!).fp++;
      ev.falsePositives.push(where(key));
    }
  }
  for (const s of byCwe.values()) for (const k of ["tp", "fp", "fn", "tn"] as const) ev.total[k] += s[k];
  return ev;
}

export const precision = (s: Score) => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
export const recall = (s: Score) => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

function report(ev: Evaluation): string {
  const rulesOf = (cwe: string) => TAINT_RULES.filter((r) => r.cwe[0] === cwe).map((r) => r.id.slice(3)).join(", ");
  const row = (name: string, s: Score, rules = "") =>
    `${name.padEnd(10)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.tn).padStart(4)}   ${precision(s).toFixed(2)}      ${recall(s).toFixed(2)}   ${rules}`;
  const out = [
    `labelled lines: ${ev.annotated.positive} vulnerable, ${ev.annotated.negative} safe`,
    "CWE          TP   FP   FN   TN   precision  recall   rules",
    ...[...ev.byCwe].sort(([a], [b]) => a.localeCompare(b)).map(([cwe, s]) => row(cwe, s, rulesOf(cwe))),
    row("all", ev.total),
  ];
  if (ev.misses.length) out.push("", "missed:", ...ev.misses.map((m) => `  ${m}`));
  if (ev.falsePositives.length) out.push("", "false positives:", ...ev.falsePositives.map((m) => `  ${m}`));
  return out.join("\n");
}

if (require.main === module) console.log(report(evaluateCorpus()));
