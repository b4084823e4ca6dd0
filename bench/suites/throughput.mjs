// Cold full-scan throughput: Vigil's CLI (default, and in-process when it has --jobs) beside the
// two anchors, the ESLint CLI with the typescript-eslint parser and eslint-plugin-security's
// recommended rules and oxlint running the same plugin through its JS-plugin API. All are whole
// processes over the same folder in the same run, their order rotated each round so load on a
// shared machine falls on all alike. Then parity by location: every plugin finding ESLint reports
// against Vigil's, and oxlint's against ESLint's.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "../lib/measure.mjs";
import { sourceStats } from "../lib/corpus.mjs";
import { loadEngine } from "../lib/engine.mjs";
import { CORPUS_OPTIONS, corpusOption, judgedOn, runsOption } from "../lib/options.mjs";
import { compareAnchors, comparePluginFindings, pluginWithCommonJsGlobals, printAnchorParity, printPluginParity } from "../lib/parity.mjs";
import { count, formatTable, megabytes, seconds } from "../lib/table.mjs";
import {
  eslintBaselineConfig, eslintTool, findingKeys, measureTool, oxlintTool, summariseRuns, vigilCli, vigilScanHas, vigilTool,
} from "../lib/tools.mjs";

export const name = "throughput";
export const description = "cold full scan: Vigil beside oxlint and ESLint running eslint-plugin-security; parity by location";
export const options = CORPUS_OPTIONS;

const RSS_LIMIT_KB = 1024 * 1024;
const x = (n) => `${n.toFixed(2)}x`;

export async function run(ctx) {
  const runs = runsOption(ctx.values);
  const { dir, corpusName } = corpusOption(ctx);
  const cli = vigilCli(ctx.repoRoot);
  const source = sourceStats(dir);
  ctx.print(`${corpusName ?? dir}: ${count(source.files)} JS/TS files, ${count(source.lines)} lines`);

  const scratch = mkdtempSync(join(tmpdir(), "vigil-bench-throughput-"));
  try {
    const config = join(scratch, "eslint.config.mjs");
    writeFileSync(config, eslintBaselineConfig());
    const vigils = [vigilTool(cli, "Vigil")];
    if (vigilScanHas(cli, "--jobs")) vigils.push(vigilTool(cli, "Vigil --jobs 1", ["--jobs", "1"]));
    const tools = [...vigils, oxlintTool(ctx.repoRoot), eslintTool(ctx.repoRoot, config)];
    const samples = new Map(tools.map((t) => [t.label, []]));
    const outputs = new Map(tools.map((t, i) => [t.label, join(scratch, `report-${i}.json`)]));
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < tools.length; k++) {
        const tool = tools[(round + k) % tools.length];
        const m = await measureTool(tool, dir, outputs.get(tool.label));
        samples.get(tool.label).push(m);
        ctx.progress(`  run ${round + 1}/${runs} ${tool.label}: ${seconds(m.wallMs)} s wall, ${seconds(m.cpuMs)} s CPU`);
      }
    }
    const reports = new Map(tools.map((t) => [t.label, t.read(outputs.get(t.label), dir)]));
    const timing = Object.fromEntries(
      tools.map((t) => [t.label, { files: reports.get(t.label).files, ...summariseRuns(samples.get(t.label), source.lines) }]),
    );
    const ratios = Object.fromEntries(
      vigils.map((v) => [v.label, { oxlint: ratiosOf(samples, v.label, "oxlint"), ESLint: ratiosOf(samples, v.label, "ESLint") }]),
    );
    printTiming(ctx, timing, ratios, runs);

    const catalogue = vigilCatalogue(cli);
    const calibratedOff = await calibratedOffReasons(ctx);
    const plugin = comparePluginFindings({
      pluginRules: recommendedPluginRules(),
      eslint: reports.get("ESLint").findings,
      vigil: reports.get("Vigil").findings,
      catalogue,
      calibratedOff,
      pluginStillReports: pluginWithCommonJsGlobals(dir),
    });
    const anchors = compareAnchors(reports.get("ESLint"), reports.get("oxlint"));
    ctx.print();
    printPluginParity(ctx.print, plugin);
    printAnchorParity(ctx.print, anchors);
    ctx.print(`parse errors: ${[...reports].map(([label, r]) => `${label} ${r.parseErrors.length}`).join(", ")}`);
    const own = reports.get("Vigil").findings.filter((f) => !f.rule.startsWith("security/") && f.kind === "finding");
    ctx.print(`beyond the plugin's rules, Vigil reported ${count(own.length)} findings of its own rules`);
    // However many threads analyse, the report must be the same.
    const variants = Object.fromEntries(vigils.slice(1).map((v) => [v.label, findingKeys(reports.get(v.label)) === findingKeys(reports.get("Vigil"))]));
    for (const [label, same] of Object.entries(variants)) ctx.print(`${label} reports ${same ? "the same findings as" : "OTHER FINDINGS THAN"} Vigil`);

    const acceptance = judge(timing, plugin, corpusName);
    return { corpus: { name: corpusName, dir, ...source }, runs, timing, ratios, parity: { plugin, anchors, variants }, acceptance };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Vigil's figures over an anchor's: of the medians, and the median of each round's own ratio. */
function ratiosOf(samples, label, anchor) {
  const ours = samples.get(label);
  const theirs = samples.get(anchor);
  const of = (pick) => median(ours.map(pick)) / median(theirs.map(pick));
  return {
    wall: of((r) => r.wallMs),
    cpu: of((r) => r.cpuMs),
    peakRss: of((r) => r.peakRssKb),
    pairedWall: median(ours.map((r, i) => r.wallMs / theirs[i].wallMs)),
    pairedCpu: median(ours.map((r, i) => r.cpuMs / theirs[i].cpuMs)),
  };
}

function printTiming(ctx, timing, ratios, runs) {
  const rows = [["", "files", "wall s", "CPU s", "lines/s", "peak RSS MB", "wall s of each run"]];
  for (const [label, t] of Object.entries(timing)) {
    const each = t.samples.map((s) => seconds(s.wallMs)).join(" ");
    rows.push([label, count(t.files), seconds(t.wallMs), seconds(t.cpuMs), count(t.linesPerSecond), megabytes(t.peakRssKb), each]);
  }
  ctx.print(`medians of ${runs} run${runs === 1 ? "" : "s"} per tool (whole process; CPU = user + sys of the process tree)`);
  ctx.print(formatTable(rows, ["l", "r", "r", "r", "r", "r", "l"]));
  for (const [label, against] of Object.entries(ratios)) {
    for (const [anchor, r] of Object.entries(against)) {
      const paired = runs > 1 ? `; per round: wall ${x(r.pairedWall)}, CPU ${x(r.pairedCpu)}` : "";
      ctx.print(`${label}/${anchor}: wall ${x(r.wall)}, CPU ${x(r.cpu)}, peak RSS ${x(r.peakRss)}${paired} (below 1: Vigil spends less)`);
    }
  }
  ctx.print(`oxlint/ESLint: wall ${x(timing.oxlint.wallMs / timing.ESLint.wallMs)}, CPU ${x(timing.oxlint.cpuMs / timing.ESLint.cpuMs)}`);
  for (const [label, t] of Object.entries(timing)) {
    if (t.subprocessCpuMs) {
      ctx.print(`note: ${label} started subprocesses using ${seconds(t.subprocessCpuMs)} s CPU, counted above; peak RSS is its main process only`);
    }
  }
}

/** The acceptance criteria this suite measures, each with its figure, its anchor and a verdict. */
function judge(timing, plugin, corpusName) {
  const scope = judgedOn(corpusName);
  const ox = timing.oxlint;
  const criteria = [];
  for (const [label, t] of Object.entries(timing).filter(([label]) => label.startsWith("Vigil"))) {
    criteria.push({
      criterion: `cold full scan, ${label}: wall and CPU at most oxlint's${scope}`,
      figure: `${seconds(t.wallMs)} s wall, ${seconds(t.cpuMs)} s CPU`,
      anchor:
        `oxlint ${seconds(ox.wallMs)} s wall, ${seconds(ox.cpuMs)} s CPU: ${label}/oxlint ${x(t.wallMs / ox.wallMs)} wall, ${x(t.cpuMs / ox.cpuMs)} CPU;` +
        ` ${label}/ESLint ${x(t.wallMs / timing.ESLint.wallMs)} wall, ${x(t.cpuMs / timing.ESLint.cpuMs)} CPU`,
      met: t.wallMs <= ox.wallMs && t.cpuMs <= ox.cpuMs,
    });
    criteria.push({
      criterion: `peak RSS of a full scan, ${label}: under 1 GB${scope}`,
      figure: `${megabytes(t.maxPeakRssKb)} MB (highest run)`,
      anchor: `oxlint ${megabytes(ox.peakRssKb)} MB, ESLint ${megabytes(timing.ESLint.peakRssKb)} MB`,
      met: t.maxPeakRssKb < RSS_LIMIT_KB,
    });
  }
  const off = plugin.rows.filter((r) => r.offBecause).map((r) => r.rule.replace(/^security\//, ""));
  criteria.push({
    criterion: `parity: every eslint-plugin-security finding of ESLint reported by Vigil${scope}`,
    figure: `${count(plugin.missing)} missing`,
    anchor: `${count(plugin.rows.reduce((n, r) => n + r.plugin, 0))} ESLint findings; calibrated off: ${off.join(", ") || "none"}`,
    met: plugin.met,
  });
  return criteria;
}

/** Vigil's rules by id: { enabledByDefault, cwe }. */
function vigilCatalogue(cli) {
  const r = spawnSync(process.execPath, [cli, "rules", "--format", "json"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vigil rules failed: ${r.stderr}`);
  return new Map(JSON.parse(r.stdout).map((rule) => [rule.id, { enabledByDefault: rule.enabledByDefault, cwe: rule.cwe ?? [] }]));
}

/** Why Vigil leaves some plugin rules off by default, as the security rules mapping records it. */
async function calibratedOffReasons(ctx) {
  try {
    const m = await loadEngine(ctx.repoRoot, "calibration", `export { CALIBRATED_OFF } from "./rules/security/index";`);
    return m.CALIBRATED_OFF ?? {};
  } catch (err) {
    ctx.progress(`the reasons for rules calibrated off did not load: ${err?.message ?? err}`);
    return {};
  }
}

/** The plugin rules the baseline config enables: those of its recommended config. */
function recommendedPluginRules() {
  const security = createRequire(import.meta.url)("eslint-plugin-security");
  return Object.keys(security.configs.recommended.rules).sort();
}
