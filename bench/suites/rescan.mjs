// Re-scan after changing one file: Vigil's CLI with its persistent cache (`vigil scan --cache DIR`)
// beside `eslint --cache` with the baseline config, in the same run. Both scan a copy of the corpus
// cold, filling their caches; then each round appends a different line to one mid-size file and
// times both re-scans (order alternating), so each re-scan finds exactly one file changed since the
// last. The pinned corpus itself is never touched.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { sourceFiles } from "../lib/corpus.mjs";
import { CORPUS_OPTIONS, corpusOption, judgedOn, runsOption } from "../lib/options.mjs";
import { count, formatTable, megabytes, seconds } from "../lib/table.mjs";
import { eslintBaselineConfig, eslintTool, findingKeys, measureTool, summariseRuns, vigilCli, vigilScanHas, vigilTool } from "../lib/tools.mjs";

export const name = "rescan";
export const description = "re-scan after changing one file: Vigil with --cache beside eslint --cache";
export const options = CORPUS_OPTIONS;

const TARGET_MS = 1000;

export async function run(ctx) {
  const runs = runsOption(ctx.values);
  const { dir, corpusName } = corpusOption(ctx);
  const cli = vigilCli(ctx.repoRoot);
  const scratch = mkdtempSync(join(tmpdir(), "vigil-bench-rescan-"));
  try {
    const corpus = join(scratch, "corpus");
    cpSync(dir, corpus, { recursive: true });
    const sources = sourceFiles(corpus);
    const lines = sources.reduce((n, f) => n + f.lines, 0);
    const changed = midSizeFile(sources);
    const changedName = relative(corpus, changed.path);
    ctx.print(`${corpusName ?? dir}: ${count(sources.length)} JS/TS files, ${count(lines)} lines; the file changed: ${changedName} (${count(changed.lines)} lines)`);

    const config = join(scratch, "eslint.config.mjs");
    writeFileSync(config, eslintBaselineConfig());
    const tools = [eslintTool(ctx.repoRoot, config, ["--cache", "--cache-location", join(scratch, "eslint-cache")])];
    const vigilHasCache = vigilScanHas(cli, "--cache");
    if (vigilHasCache) tools.unshift(vigilTool(cli, "Vigil", ["--cache", join(scratch, "vigil-cache")]));
    else ctx.print("vigil scan has no --cache: only the anchor is measured");

    const report = (tool) => join(scratch, `${tool.label}.json`);
    const cold = new Map();
    const rescans = new Map(tools.map((t) => [t.label, []]));
    // Per tool, how its first re-scan that found otherwise than the cold scan differed.
    const differences = new Map();
    for (const tool of tools) {
      cold.set(tool.label, { run: await measureTool(tool, corpus, report(tool)), findings: findingKeys(tool.read(report(tool), corpus)) });
      ctx.progress(`  cold ${tool.label}: ${seconds(cold.get(tool.label).run.wallMs)} s wall`);
    }
    const original = readFileSync(changed.path, "utf8");
    try {
      for (let round = 0; round < runs; round++) {
        // A comment line changes the file's content, size and time, never its findings.
        writeFileSync(changed.path, `${original}${original.endsWith("\n") ? "" : "\n"}// bench edit ${round + 1}\n`);
        for (const tool of round % 2 ? [...tools].reverse() : tools) {
          const m = await measureTool(tool, corpus, report(tool));
          rescans.get(tool.label).push(m);
          const found = findingKeys(tool.read(report(tool), corpus));
          if (found !== cold.get(tool.label).findings && !differences.has(tool.label)) {
            differences.set(tool.label, { round: round + 1, ...difference(cold.get(tool.label).findings, found) });
          }
          ctx.progress(`  re-scan ${round + 1}/${runs} ${tool.label}: ${seconds(m.wallMs)} s wall, ${seconds(m.cpuMs)} s CPU`);
        }
      }
    } finally {
      writeFileSync(changed.path, original);
    }

    const timing = Object.fromEntries(
      tools.map((t) => [t.label, { cold: summariseRuns([cold.get(t.label).run], lines), rescan: summariseRuns(rescans.get(t.label), lines) }]),
    );
    printTiming(ctx, timing, differences, runs);
    return {
      corpus: { name: corpusName, dir, files: sources.length, lines },
      changedFile: changedName,
      runs,
      timing,
      sameFindingsAsCold: Object.fromEntries(tools.map((t) => [t.label, !differences.has(t.label)])),
      differences: Object.fromEntries(differences),
      acceptance: [judge(timing, vigilHasCache, corpusName)],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The median file by line count (ties by path), so the change is neither trivial nor the largest. */
function midSizeFile(sources) {
  if (sources.length === 0) throw new Error("the corpus has no JS/TS file to change");
  const sorted = [...sources].sort((a, b) => a.lines - b.lines || (a.path < b.path ? -1 : 1));
  return sorted[sorted.length >> 1];
}

/** The first few findings only the cold scan has, and only the re-scan has. */
function difference(coldKeys, rescanKeys) {
  const cold = coldKeys.split("\n");
  const rescan = rescanKeys.split("\n");
  const only = (a, b) => {
    const other = new Set(b);
    return a.filter((k) => !other.has(k)).slice(0, 3);
  };
  return { onlyCold: only(cold, rescan), onlyRescan: only(rescan, cold) };
}

function printTiming(ctx, timing, differences, runs) {
  const rows = [["", "cold s", "re-scan wall s", "re-scan CPU s", "peak RSS MB", "re-scan wall s of each run", "findings as cold"]];
  for (const [label, t] of Object.entries(timing)) {
    const each = t.rescan.samples.map((s) => seconds(s.wallMs)).join(" ");
    const same = differences.has(label) ? "DIFFER" : "same";
    rows.push([label, seconds(t.cold.wallMs), seconds(t.rescan.wallMs), seconds(t.rescan.cpuMs), megabytes(t.rescan.peakRssKb), each, same]);
  }
  ctx.print(`medians of ${runs} re-scan${runs === 1 ? "" : "s"} after one changed file (whole process; CPU of the process tree)`);
  ctx.print(formatTable(rows, ["l", "r", "r", "r", "r", "l", "l"]));
  for (const [label, d] of differences) {
    ctx.print(`${label}'s re-scan ${d.round} differs from its cold scan: only cold ${d.onlyCold.join("; ") || "-"}; only re-scan ${d.onlyRescan.join("; ") || "-"}`);
  }
  if (timing.Vigil) {
    ctx.print(`Vigil/ESLint re-scan: wall ${(timing.Vigil.rescan.wallMs / timing.ESLint.rescan.wallMs).toFixed(2)}x, CPU ${(timing.Vigil.rescan.cpuMs / timing.ESLint.rescan.cpuMs).toFixed(2)}x`);
  }
}

function judge(timing, vigilHasCache, corpusName) {
  const criterion = `re-scan after changing one file: under 1 s${judgedOn(corpusName)}`;
  const anchor = `eslint --cache ${seconds(timing.ESLint.rescan.wallMs)} s`;
  if (!vigilHasCache) return { criterion, figure: "vigil scan has no --cache", anchor, met: null };
  return { criterion, figure: `${seconds(timing.Vigil.rescan.wallMs)} s wall (median)`, anchor, met: timing.Vigil.rescan.wallMs < TARGET_MS };
}
