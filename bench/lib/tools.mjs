// The programs the suites measure over a folder, Vigil's CLI and its anchors (the ESLint CLI with
// the baseline config, oxlint running eslint-plugin-security through its JS-plugin API), and
// readers that turn each one's report into the same shape: { files, findings: [{ file, line,
// rule }], parseErrors: [{ file, line, message }] } with paths relative to the scanned folder,
// 1-based lines and eslint-plugin-security's rules as `security/<rule>`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { measureNode, median } from "./measure.mjs";

/** oxlint's config for the anchor, as bench/README.md describes; its plugin resolves from this clone. */
export const OXLINT_CONFIG = fileURLToPath(new URL("../oxlintrc-security.json", import.meta.url));

/** The baseline ESLint flat config, as written in bench/README.md; imports resolve to this clone. */
export function eslintBaselineConfig() {
  return `import tseslint from ${JSON.stringify(import.meta.resolve("typescript-eslint"))};
import security from ${JSON.stringify(import.meta.resolve("eslint-plugin-security"))};
export default [
  { files: ["**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" } },
  security.configs.recommended,
];
`;
}

let snapshot;

/**
 * Vigil's CLI from a private copy of dist/, taken once per benchmark process: a rebuild during the
 * run (another build in the same clone) must not change the program mid-measurement, nor its
 * engine identity, which keys the scan cache. The copy sits inside the clone so that anything the
 * bundles leave external still resolves from its node_modules. The program returned is the one
 * bin/vigil.js runs (the CLI through its code cache).
 */
export function vigilCli(repoRoot) {
  const dist = join(repoRoot, "dist");
  if (!existsSync(join(dist, "cli.js"))) throw new Error("dist/cli.js is missing: run `npm run build` first (`npm run bench` does)");
  if (snapshot) return snapshot;
  const copy = join(repoRoot, "node_modules", ".cache", "vigil-bench", `dist-${process.pid}`);
  process.on("exit", () => rmSync(copy, { recursive: true, force: true }));
  for (let attempt = 1; ; attempt++) {
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) copyFileSync(join(dist, file), join(copy, file));
    // A file caught half-written by a build in progress does not load: copy again.
    if (spawnSync(process.execPath, [join(copy, "cli.js"), "--version"]).status === 0) break;
    if (attempt === 5) throw new Error(`dist/cli.js does not run (a build in progress?)`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
  }
  // What bin/vigil.js runs: the bundle through V8's code cache, as users start it.
  snapshot = join(copy, existsSync(join(copy, "cli-loader.js")) ? "cli-loader.js" : "cli.js");
  return snapshot;
}

/** Whether `vigil scan` takes a flag (read from its usage, so the suites follow the CLI as it grows). */
export function vigilScanHas(cli, flag) {
  const r = spawnSync(process.execPath, [cli, "scan", "--help"], { encoding: "utf8" });
  return new RegExp(`(^|\\s)${flag}(\\s|=|$)`, "m").test(`${r.stdout}${r.stderr}`);
}

/** Vigil's full scan, JSON report to `out`; `extra` flags such as `--jobs 1` or `--cache DIR`. */
export function vigilTool(cli, label, extra = []) {
  return {
    label,
    script: cli,
    args: (out) => ["scan", ".", ...extra, "--format", "json", "--output", out, "--fail-on", "never"],
    exitCodes: [0],
    read: readVigil,
  };
}

/** The ESLint CLI with the baseline config at `configFile`; `extra` flags such as `--cache`. */
export function eslintTool(repoRoot, configFile, extra = []) {
  return {
    label: "ESLint",
    script: join(repoRoot, "node_modules", ".bin", "eslint"),
    args: (out) => ["--no-config-lookup", "-c", configFile, ...extra, "--format", "json", "--output-file", out, "."],
    exitCodes: [0, 1],
    read: readEslint,
  };
}

export function oxlintTool(repoRoot) {
  return {
    label: "oxlint",
    script: join(repoRoot, "node_modules", "oxlint", "bin", "oxlint"),
    // Like ESLint's --no-config-lookup: a config file inside the scanned tree must not apply. And
    // like ESLint and Vigil, leave node_modules out (oxlint lints it when no .gitignore says not to).
    args: () => ["-c", OXLINT_CONFIG, "--disable-nested-config", "--ignore-pattern", "**/node_modules/**", "--format", "json", "."],
    // oxlint writes its report only to standard output.
    reportOnStdout: true,
    exitCodes: [0, 1],
    read: readOxlint,
  };
}

/**
 * Runs one tool over `cwd` writing its report to `out`, and resolves to its measurement with CPU
 * taken over the whole process tree (the larger of the process's own and its reaped descendants').
 */
export async function measureTool(tool, cwd, out) {
  const m = await measureNode(tool.script, tool.args(out), { cwd, stdoutFile: tool.reportOnStdout ? out : undefined });
  if (!tool.exitCodes.includes(m.exitCode)) {
    throw new Error(`${tool.label} exited ${m.exitCode}\n${m.stderr.slice(-4000)}`);
  }
  return { ...m, ownCpuMs: m.cpuMs, cpuMs: Math.max(m.cpuMs, m.treeCpuMs ?? 0) };
}

/** Medians of a tool's runs, and the per-run figures. */
export function summariseRuns(runs, lines) {
  const wallMs = median(runs.map((r) => r.wallMs));
  // CPU the process did not account for itself means it started subprocesses of its own.
  const untracked = Math.max(...runs.map((r) => r.cpuMs - r.ownCpuMs));
  return {
    wallMs,
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakRssKb: median(runs.map((r) => r.peakRssKb)),
    maxPeakRssKb: Math.max(...runs.map((r) => r.peakRssKb)),
    linesPerSecond: lines / (wallMs / 1000),
    subprocessCpuMs: untracked > 100 + 0.05 * median(runs.map((r) => r.cpuMs)) ? untracked : 0,
    samples: runs.map(({ wallMs, cpuMs, peakRssKb }) => ({ wallMs, cpuMs, peakRssKb })),
  };
}

/** A read report's findings and parse errors as one comparable string (file, line, rule of each, sorted). */
export function findingKeys(report) {
  return [...report.findings, ...report.parseErrors.map((p) => ({ ...p, rule: "parse-error" }))]
    .map((f) => `${f.file}:${f.line} ${f.rule}`)
    .sort()
    .join("\n");
}

const posix = (path) => path.split(sep).join("/");

function readVigil(out) {
  const report = JSON.parse(readFileSync(out, "utf8"));
  const findings = [];
  const parseErrors = [];
  for (const f of report.findings) {
    if (f.suppression) continue;
    const at = { file: posix(f.path), line: f.range.start.line + 1 };
    // A file that does not parse is the notice vigil/parse-error.
    if (/(^|\/)parse-error$/.test(f.ruleId)) parseErrors.push({ ...at, message: f.message });
    else findings.push({ ...at, rule: f.ruleId, cwe: f.cwe ?? [], kind: f.kind });
  }
  return { files: report.summary.filesScanned, findings, parseErrors };
}

function readEslint(out, cwd) {
  const report = JSON.parse(readFileSync(out, "utf8"));
  const findings = [];
  const parseErrors = [];
  let otherMessages = 0;
  for (const file of report) {
    const path = posix(isAbsolute(file.filePath) ? relative(cwd, file.filePath) : file.filePath);
    for (const m of file.messages) {
      if (m.fatal) parseErrors.push({ file: path, line: m.line, message: m.message });
      else if (m.ruleId?.startsWith("security/")) findings.push({ file: path, line: m.line, rule: m.ruleId });
      // ESLint's own messages, such as unknown rules named in the corpus's eslint-disable comments.
      else otherMessages++;
    }
  }
  return { files: report.length, findings, parseErrors, otherMessages };
}

function readOxlint(out) {
  const report = JSON.parse(readFileSync(out, "utf8"));
  const findings = [];
  const parseErrors = [];
  for (const d of report.diagnostics) {
    const at = { file: posix(d.filename), line: d.labels?.[0]?.span?.line ?? 0 };
    // Plugin rules come as "security(detect-x)"; a diagnostic without a rule is a parse error.
    const rule = /^security\((.+)\)$/.exec(d.code ?? "");
    if (rule) findings.push({ ...at, rule: `security/${rule[1]}` });
    else if (!d.code && d.severity === "error") parseErrors.push({ ...at, message: d.message });
  }
  return { files: report.number_of_files, findings, parseErrors };
}
