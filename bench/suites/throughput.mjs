// Full-scan throughput: Vigil's CLI beside the baseline a user would pick instead (the ESLint CLI
// with the typescript-eslint parser and eslint-plugin-security's recommended rules), both as whole
// processes over the same folder in the same run, alternating so load on a shared machine falls
// on both alike. Also prints each tool's eslint-plugin-security finding counts, for parity.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { measureNode, median } from "../lib/measure.mjs";
import { sourceStats } from "../lib/corpus.mjs";
import { count, formatTable, megabytes, seconds } from "../lib/table.mjs";

export const name = "throughput";
export const description = "full-scan wall, CPU, lines/s and peak RSS: Vigil beside ESLint + eslint-plugin-security";
export const options = {
  full: { type: "boolean", description: "use the full 1M-line corpus instead of corpus-100k" },
  runs: { type: "string", description: "runs per tool, medians printed (default 3)" },
  corpus: { type: "string", description: "measure this folder instead of the pinned corpus" },
};

/** The baseline configuration, as written in bench/README.md; imports resolve to this clone. */
function baselineConfig() {
  return `import tseslint from ${JSON.stringify(import.meta.resolve("typescript-eslint"))};
import security from ${JSON.stringify(import.meta.resolve("eslint-plugin-security"))};
export default [
  { files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" } },
  security.configs.recommended,
];
`;
}

export async function run(ctx) {
  const runs = Number(ctx.values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${ctx.values.runs}"`);
  const corpusName = ctx.values.corpus ? undefined : ctx.values.full ? "corpus" : "corpus-100k";
  const dir = corpusName ? ctx.corpus(corpusName) : resolve(ctx.values.corpus);
  const cli = join(ctx.repoRoot, "dist", "cli.js");
  if (!existsSync(cli)) throw new Error("dist/cli.js is missing: run `npm run build` first (`npm run bench` does)");
  const source = sourceStats(dir);
  ctx.print(`${corpusName ?? dir}: ${count(source.files)} JS/TS files, ${count(source.lines)} lines`);

  const scratch = mkdtempSync(join(tmpdir(), "vigil-bench-throughput-"));
  try {
    const config = join(scratch, "eslint.config.mjs");
    writeFileSync(config, baselineConfig());
    const tools = [
      {
        label: "Vigil",
        script: cli,
        output: join(scratch, "vigil.json"),
        args: (out) => ["scan", ".", "--format", "json", "--output", out, "--fail-on", "never"],
        exitCodes: [0],
      },
      {
        label: "ESLint",
        script: join(ctx.repoRoot, "node_modules", ".bin", "eslint"),
        output: join(scratch, "eslint.json"),
        // No cache: every run is a cold full lint, like Vigil's.
        args: (out) => ["--no-config-lookup", "-c", config, "--format", "json", "--output-file", out, "."],
        exitCodes: [0, 1],
      },
    ];
    const samples = { Vigil: [], ESLint: [] };
    for (let i = 0; i < runs; i++) {
      for (const tool of i % 2 ? [...tools].reverse() : tools) {
        const m = await measureNode(tool.script, tool.args(tool.output), { cwd: dir });
        if (!tool.exitCodes.includes(m.exitCode)) {
          throw new Error(`${tool.label} exited ${m.exitCode}\n${m.stderr.slice(-4000)}`);
        }
        samples[tool.label].push(m);
        ctx.progress(`  run ${i + 1}/${runs} ${tool.label}: ${seconds(m.wallMs)} s wall, ${seconds(m.cpuMs)} s CPU`);
      }
    }
    const vigilReport = JSON.parse(readFileSync(tools[0].output, "utf8"));
    const eslintReport = JSON.parse(readFileSync(tools[1].output, "utf8"));
    const timing = {
      Vigil: summarise(samples.Vigil, source.lines, vigilReport.summary.filesScanned),
      ESLint: summarise(samples.ESLint, source.lines, eslintReport.length),
    };
    const ratios = {
      wall: timing.Vigil.wallMs / timing.ESLint.wallMs,
      cpu: timing.Vigil.cpuMs / timing.ESLint.cpuMs,
      peakRss: timing.Vigil.peakRssKb / timing.ESLint.peakRssKb,
      throughput: timing.Vigil.linesPerSecond / timing.ESLint.linesPerSecond,
      // Each Vigil run over the ESLint run beside it: steadier when the machine's load shifts.
      pairedWall: median(samples.Vigil.map((v, i) => v.wallMs / samples.ESLint[i].wallMs)),
      pairedCpu: median(samples.Vigil.map((v, i) => v.cpuMs / samples.ESLint[i].cpuMs)),
    };
    printTiming(ctx, timing, ratios, runs);
    const findings = compareFindings(vigilReport, eslintReport, rulesOffByDefault(cli));
    printFindings(ctx, findings);
    return {
      corpus: { name: corpusName ?? null, dir, ...source },
      runs,
      timing,
      ratio: ratios,
      findings,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summarise(runs, lines, files) {
  const wallMs = median(runs.map((r) => r.wallMs));
  const cpuMs = median(runs.map((r) => r.cpuMs));
  // CPU the process did not account for itself means it started subprocesses of its own.
  const untracked = Math.max(...runs.map((r) => (r.treeCpuMs ?? 0) - r.cpuMs));
  return {
    files,
    wallMs,
    cpuMs,
    userMs: median(runs.map((r) => r.userMs)),
    sysMs: median(runs.map((r) => r.sysMs)),
    peakRssKb: median(runs.map((r) => r.peakRssKb)),
    linesPerSecond: lines / (wallMs / 1000),
    subprocessCpuMs: untracked > 100 + 0.05 * cpuMs ? untracked : 0,
    samples: runs.map(({ wallMs, cpuMs, peakRssKb }) => ({ wallMs, cpuMs, peakRssKb })),
  };
}

function printTiming(ctx, timing, ratios, runs) {
  const rows = [["", "files", "wall s", "CPU s", "lines/s", "peak RSS MB", "wall s of each run"]];
  for (const [label, t] of Object.entries(timing)) {
    const each = t.samples.map((s) => seconds(s.wallMs)).join(" ");
    rows.push([label, count(t.files), seconds(t.wallMs), seconds(t.cpuMs), count(t.linesPerSecond), megabytes(t.peakRssKb), each]);
  }
  ctx.print(`medians of ${runs} run${runs === 1 ? "" : "s"} per tool (whole process; CPU = user + sys of all threads)`);
  ctx.print(formatTable(rows, ["l", "r", "r", "r", "r", "r", "l"]));
  const x = (n) => `${n.toFixed(2)}x`;
  ctx.print(
    `Vigil/ESLint: wall ${x(ratios.wall)}, CPU ${x(ratios.cpu)}, peak RSS ${x(ratios.peakRss)} (below 1: Vigil spends less);` +
      ` throughput ${x(ratios.throughput)} (above 1: Vigil is faster)`,
  );
  if (runs > 1) {
    ctx.print(`median of per-round ratios (Vigil run / ESLint run beside it): wall ${x(ratios.pairedWall)}, CPU ${x(ratios.pairedCpu)}`);
  }
  for (const [label, t] of Object.entries(timing)) {
    if (t.subprocessCpuMs) {
      ctx.print(`note: ${label} started subprocesses using ${seconds(t.subprocessCpuMs)} s CPU beyond the figure above; peak RSS is its main process only`);
    }
  }
}

/** Rule ids `vigil rules` lists as off by default. */
function rulesOffByDefault(cli) {
  const r = spawnSync(process.execPath, [cli, "rules", "--format", "json"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vigil rules failed: ${r.stderr}`);
  return new Set(JSON.parse(r.stdout).filter((rule) => !rule.enabledByDefault).map((rule) => rule.id));
}

/** Per eslint-plugin-security rule (and parse errors): how many problems each tool reported. */
function compareFindings(vigilReport, eslintReport, offInVigil) {
  const eslint = new Map();
  let eslintOther = 0;
  for (const file of eslintReport) {
    for (const message of file.messages) {
      const id = message.fatal ? "parse-error" : message.ruleId;
      // Other messages are ESLint's own, such as unused eslint-disable directives in the corpus.
      if (id?.startsWith("security/") || id === "parse-error") eslint.set(id, (eslint.get(id) ?? 0) + 1);
      else eslintOther++;
    }
  }
  const vigil = new Map();
  let vigilOwn = 0;
  for (const f of vigilReport.findings) {
    if (f.suppression) continue;
    // Vigil reports a file that does not parse as the notice vigil/parse-error.
    const id = /(^|\/)parse-error$/.test(f.ruleId) ? "parse-error" : f.ruleId;
    if (id.startsWith("security/") || id === "parse-error") vigil.set(id, (vigil.get(id) ?? 0) + 1);
    else if (f.kind === "finding") vigilOwn++;
  }
  const ids = [...new Set([...eslint.keys(), ...vigil.keys()])].filter((id) => id !== "parse-error").sort();
  const rows = [...ids, "parse-error"].map((id) => ({
    rule: id,
    eslint: eslint.get(id) ?? 0,
    vigil: vigil.get(id) ?? 0,
    offInVigil: offInVigil.has(id),
  }));
  return { rows, vigilOwnRules: vigilOwn, eslintOtherMessages: eslintOther };
}

function printFindings(ctx, findings) {
  const table = [["eslint-plugin-security findings (last run)", "ESLint", "Vigil", ""]];
  for (const row of findings.rows) {
    const note = row.offInVigil ? "off by default in Vigil" : row.eslint !== row.vigil ? "differs" : "";
    table.push([row.rule, count(row.eslint), count(row.vigil), note]);
  }
  const total = (key) => findings.rows.reduce((sum, row) => sum + row[key], 0);
  table.push(["total", count(total("eslint")), count(total("vigil")), ""]);
  ctx.print();
  ctx.print(formatTable(table, ["l", "r", "r", "l"]));
  ctx.print(`beyond these: Vigil's own rules ${count(findings.vigilOwnRules)}, ESLint's own messages (such as unused eslint-disable comments) ${count(findings.eslintOtherMessages)}`);
}
