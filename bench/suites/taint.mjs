// Taint analysis: what it adds to each file's analysis beside the rules pass (same files, same
// process, alternating file by file so load on a shared machine falls on both alike), and its
// noise on popular, reviewed npm packages: high and critical taint findings per 1,000 lines on
// the 1M-line corpus, with the rules that report them and the findings themselves for review.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { SOURCE_EXTENSIONS } from "../lib/corpus.mjs";
import { count, formatTable, ratio, seconds } from "../lib/table.mjs";

import { loadEngine } from "../lib/engine.mjs";

export const name = "taint";
export const description = "taint analysis: time added per file beside the rules pass (corpus-100k); high/critical findings per 1,000 lines (1M-line corpus)";
export const options = {
  "timing-corpus": { type: "string", description: "folder for the timing comparison (default: the pinned corpus-100k)" },
  "noise-corpus": { type: "string", description: "folder for the noise figure (default: the pinned 1M-line corpus)" },
};

const ENGINE_EXPORTS = `
export { jsAnalyzer } from "./server/src/engine/js/js-analyzer";
export { taintAnalyzer } from "./server/src/engine/js/taint";
export { diskSourceFiles } from "./server/src/engine/js/taint/disk-files";
export { TAINT_RULES } from "./rules/js/taint";
export { LineIndex } from "./server/src/engine/text";
export { languageOf } from "./server/src/engine/language";
export { selectRules } from "./server/src/engine/rule-selection";
export { DEFAULT_SETTINGS } from "./server/src/engine/settings";
export { Deadline } from "./server/src/engine/deadline";
`;


function sourceFiles(root) {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const path = join(root, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE_EXTENSIONS.some((x) => e.name.endsWith(x)) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

const lineCount = (text) => text.split("\n").length;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function input(engine, selection, context, file) {
  return { path: file.path, language: engine.languageOf(file.path), lines: new engine.LineIndex(file.text), selection, context, deadline: engine.Deadline.none };
}

/** Rules pass and taint pass on each file in turn, twice (the first round warms both up). */
function timing(engine, files) {
  const settings = engine.DEFAULT_SETTINGS;
  const selection = engine.selectRules(settings);
  const context = { settings };
  let eslint = 0, taint = 0;
  const added = [];
  for (let round = 0; round < 2; round++) {
    eslint = 0;
    taint = 0;
    added.length = 0;
    for (const file of files) {
      const a = input(engine, selection, context, file);
      const t0 = performance.now();
      engine.jsAnalyzer.analyze(a);
      const t1 = performance.now();
      engine.taintAnalyzer.analyze(a);
      const t2 = performance.now();
      eslint += t1 - t0;
      taint += t2 - t1;
      added.push((t2 - t1) / Math.max(t1 - t0, 0.001));
    }
  }
  added.sort((x, y) => x - y);
  return { eslintMs: eslint, taintMs: taint, addedRatio: taint / eslint, perFileMedian: percentile(added, 0.5), perFileP90: percentile(added, 0.9) };
}

/** Every taint finding on the corpus, with imports read from disk as a workspace scan reads them. */
function noise(engine, files, root) {
  const settings = engine.DEFAULT_SETTINGS;
  const selection = engine.selectRules(settings);
  const project = { readFile: (p) => engine.diskSourceFiles.read(p), importsOf: () => [] };
  const context = { settings, project };
  const severity = new Map(engine.TAINT_RULES.map((r) => [r.id, selection.severityOf(r)]));
  const findings = [];
  const t0 = performance.now();
  for (const file of files) {
    for (const f of engine.taintAnalyzer.analyze(input(engine, selection, context, file))) {
      findings.push({ where: `${relative(root, file.path)}:${f.range.start.line + 1}`, ruleId: f.ruleId, severity: severity.get(f.ruleId), message: f.message });
    }
  }
  return { findings, ms: performance.now() - t0 };
}

export async function run(ctx) {
  const engine = await loadEngine(ctx.repoRoot, "taint", ENGINE_EXPORTS);
  const read = (dir) => sourceFiles(dir).map((path) => ({ path, text: readFileSync(path, "utf8") }));

  const timingDir = ctx.values["timing-corpus"] ? resolve(ctx.values["timing-corpus"]) : ctx.corpus("corpus-100k");
  const timed = read(timingDir);
  const lines100k = timed.reduce((n, f) => n + lineCount(f.text), 0);
  ctx.print(`timing on ${ctx.values["timing-corpus"] ? timingDir : "corpus-100k"}: ${count(timed.length)} files, ${count(lines100k)} lines`);
  const t = timing(engine, timed);
  ctx.print(formatTable([
    ["pass", "seconds", "lines/s"],
    ["rules (ours + eslint-plugin-security checks, one walk)", seconds(t.eslintMs), count(lines100k / (t.eslintMs / 1000))],
    ["taint (parse + analysis)", seconds(t.taintMs), count(lines100k / (t.taintMs / 1000))],
  ]));
  ctx.print(`taint adds ${ratio(t.taintMs, t.eslintMs)} of the rules pass's time (per file: median ${t.perFileMedian.toFixed(2)}x, p90 ${t.perFileP90.toFixed(2)}x)`);

  const noiseDir = ctx.values["noise-corpus"] ? resolve(ctx.values["noise-corpus"]) : ctx.corpus("corpus");
  const all = read(noiseDir);
  const lines = all.reduce((n, f) => n + lineCount(f.text), 0);
  const { findings, ms } = noise(engine, all, noiseDir);
  const serious = findings.filter((f) => f.severity === "high" || f.severity === "critical");
  const perKloc = serious.length / (lines / 1000);
  ctx.print("");
  ctx.print(`noise on ${ctx.values["noise-corpus"] ? noiseDir : "corpus"}: ${count(all.length)} files, ${count(lines)} lines, taint alone ${seconds(ms)} s`);
  ctx.print(`high/critical taint findings: ${serious.length} (${perKloc.toFixed(3)} per 1,000 lines; all severities: ${findings.length})`);
  const byRule = new Map();
  for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const top = [...byRule].sort((a, b) => b[1] - a[1]);
  if (top.length) ctx.print(formatTable([["rule", "findings"], ...top.map(([id, n]) => [id, count(n)])]));
  for (const f of findings.slice(0, 40)) ctx.print(`  ${f.where} ${f.ruleId}: ${f.message}`);
  return { timing: t, lines, findings: findings.length, highOrCritical: serious.length, perKloc, byRule: Object.fromEntries(top) };
}
