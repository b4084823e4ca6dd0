// Secret scanning: Vigil's secrets analyzer beside the library option, secretlint 12 with its
// recommended preset, on the same files in the same run, alternating run by run so load on a
// shared machine falls on both alike. Each run is a fresh process (this file, started as a worker)
// that reads the files into memory first and times one pass over them, so the figures are
// scanning, not disk, and neither tool's heap slows the other. Then the noise figure: every secret and configuration finding Vigil reports
// on the 1M-line corpus, per 100k lines, listed for review; and both tools on the labelled cases
// of rules/secrets/ (precision and recall where the answer is known).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEngine } from "../lib/engine.mjs";
import { median } from "../lib/measure.mjs";
import { count, formatTable, ratio, seconds } from "../lib/table.mjs";

export const name = "secrets";
export const description = "secret scanning: Vigil beside secretlint's recommended preset (1M-line corpus); secret and config findings per 100k lines";
export const options = {
  runs: { type: "string", description: "runs per tool, medians printed (default 3)" },
  corpus: { type: "string", description: "measure this folder instead of the pinned corpus" },
};

const ENGINE_EXPORTS = `
export { secretsAnalyzer } from "./server/src/engine/secrets/secrets-analyzer";
export { dockerfileAnalyzer } from "./server/src/engine/config-files/dockerfile-analyzer";
export { yamlConfigAnalyzer } from "./server/src/engine/config-files/yaml-config-analyzer";
export { LineIndex } from "./server/src/engine/text";
export { languageOf } from "./server/src/engine/language";
export { selectRules } from "./server/src/engine/rule-selection";
export { DEFAULT_SETTINGS } from "./server/src/engine/settings";
`;


async function loadSecretlint() {
  const { lintSource } = await import("@secretlint/core");
  const preset = await import("@secretlint/secretlint-rule-preset-recommend");
  // secretlint 12.0 on Node 20 keeps every performance mark it makes and matches each new one
  // against all of them, which grows quadratically with the file count (fixed in 13.x, which needs
  // Node 22). Turned off here so the comparison is with secretlint at its best.
  const { secretLintProfiler } = await import("@secretlint/profiler");
  secretLintProfiler.mark = () => {};
  const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: preset.creator }] };
  return async (file) => {
    const ext = file.path.slice(file.path.lastIndexOf("."));
    const result = await lintSource({
      source: { filePath: file.path, content: file.text, ext, contentType: "text" },
      options: { config, maskSecrets: true },
    });
    return result.messages.map((m) => ({ ruleId: m.ruleId, line: m.loc.start.line }));
  };
}

function listFiles(root) {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const path = join(root, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === ".git" ? [] : listFiles(path);
    return e.isFile() ? [path] : [];
  });
}

function lineCount(text) {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Runs the given analyzers over the files as analyzeFile would (a LineIndex per file); returns the
 * findings, and in `timing.lineIndexMs` the share spent building the LineIndex every analyzer gets.
 */
function vigilScan(engine, analyzers, files, timing = { lineIndexMs: 0 }) {
  const settings = engine.DEFAULT_SETTINGS;
  const selection = engine.selectRules(settings);
  const findings = [];
  for (const file of files) {
    const language = engine.languageOf(file.path);
    const active = analyzers.filter((a) => a.handles(file.path, language));
    if (active.length === 0) continue;
    const started = performance.now();
    const lines = new engine.LineIndex(file.text);
    timing.lineIndexMs += performance.now() - started;
    for (const a of active) {
      for (const f of a.analyze({ path: file.path, language, lines, selection, context: { settings } })) {
        findings.push({ path: file.path, ruleId: f.ruleId, line: f.range.start.line + 1, message: f.message });
      }
    }
  }
  return findings;
}

async function secretlintScan(lint, files) {
  const findings = [];
  for (const file of files) for (const m of await lint(file)) findings.push({ path: file.path, ...m });
  return findings;
}

/** Lines a `ruleid:`/`ok:` annotation points at in the labelled cases, as test/rules.test.ts reads them. */
function labelledLines(text) {
  const lines = text.split(/\r?\n/);
  const re = /(?:\/\/|#)\s*(ruleid|ok):\s*secrets\//;
  const out = [];
  lines.forEach((l, i) => {
    const m = re.exec(l);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && re.test(lines[target])) target++;
    out.push({ kind: m[1], line: target + 1 });
  });
  return out;
}

function precision(findings, cases) {
  let hit = 0, falsePositives = 0, expected = 0;
  for (const c of cases) {
    const flagged = new Set(findings.filter((f) => f.path === c.path).map((f) => f.line));
    for (const a of c.labels) {
      if (a.kind === "ruleid") { expected++; if (flagged.has(a.line)) hit++; }
      else if (flagged.has(a.line)) falsePositives++;
    }
  }
  return { hit, expected, falsePositives };
}

export async function run(ctx) {
  const runs = Number(ctx.values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${ctx.values.runs}"`);
  const dir = ctx.values.corpus ? resolve(ctx.values.corpus) : ctx.corpus("corpus");
  const files = listFiles(dir).map((path) => ({ path, text: readFileSync(path, "utf8") }));
  const lines = files.reduce((n, f) => n + lineCount(f.text), 0);
  ctx.print(`${ctx.values.corpus ? dir : "corpus"}: ${count(files.length)} files, ${count(lines)} lines, read into memory first`);

  const engine = await loadEngine(ctx.repoRoot, "secrets", ENGINE_EXPORTS);
  const lint = await loadSecretlint();
  const scratch = mkdtempSync(join(tmpdir(), "vigil-bench-secrets-"));
  const listFile = join(scratch, "files.json");
  writeFileSync(listFile, JSON.stringify(files.map((f) => f.path)));
  const times = { vigil: [], secretlint: [], lineIndex: [] };
  const found = {};
  try {
    for (let i = 0; i < runs; i++) {
      for (const tool of i % 2 === 0 ? ["vigil", "secretlint"] : ["secretlint", "vigil"]) {
        ctx.progress(`secrets: run ${i + 1}/${runs}, ${tool}`);
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--worker", tool, listFile, ctx.repoRoot], { encoding: "utf8", maxBuffer: 1 << 26 });
        if (r.status !== 0) throw new Error(`${tool} worker failed: ${r.stderr}`);
        const result = JSON.parse(r.stdout);
        times[tool].push(result.ms);
        if (tool === "vigil") times.lineIndex.push(result.lineIndexMs);
        found[tool] = result.findings;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const vigilFindings = found.vigil;
  const secretlintFindings = found.secretlint;
  const vigilMs = median(times.vigil);
  const secretlintMs = median(times.secretlint);
  ctx.print(formatTable([
    ["tool", "median s", "lines/s", "findings"],
    ["Vigil secrets analyzer", seconds(vigilMs), count(lines / (vigilMs / 1000)), count(vigilFindings.length)],
    ["secretlint 12 recommended preset", seconds(secretlintMs), count(lines / (secretlintMs / 1000)), count(secretlintFindings.length)],
  ], ["l", "r", "r", "r"]));
  const lineIndexMs = median(times.lineIndex);
  ctx.print(`Vigil is ${ratio(secretlintMs, vigilMs)} faster (median of ${runs} runs each, alternating)`);
  ctx.print(`of Vigil's time, ${seconds(lineIndexMs)} s builds the line index analyzeFile gives every analyzer; the secrets analyzer alone is ${ratio(secretlintMs, vigilMs - lineIndexMs)} faster`);

  // Noise: everything the secrets and configuration analyzers report on this corpus.
  const noise = vigilScan(engine, [engine.secretsAnalyzer, engine.dockerfileAnalyzer, engine.yamlConfigAnalyzer], files);
  const per100k = (noise.length / lines) * 100_000;
  ctx.print(`secret + configuration findings: ${count(noise.length)} (${per100k.toFixed(2)} per 100k lines)`);
  for (const f of noise) ctx.print(`  ${relative(dir, f.path)}:${f.line} ${f.ruleId} ${f.message}`);
  if (secretlintFindings.length) {
    ctx.print("secretlint findings on the same files:");
    for (const f of secretlintFindings) ctx.print(`  ${relative(dir, f.path)}:${f.line} ${f.ruleId}`);
  }

  // Labelled cases: where the right answer is known, line by line.
  const casesDir = join(ctx.repoRoot, "rules", "secrets");
  const cases = readdirSync(casesDir)
    .filter((f) => f.includes(".cases."))
    .map((f) => ({ path: join(casesDir, f), text: readFileSync(join(casesDir, f), "utf8") }))
    .map((c) => ({ ...c, labels: labelledLines(c.text) }));
  const vigilOnCases = precision(vigilScan(engine, [engine.secretsAnalyzer], cases), cases);
  const secretlintOnCases = precision(await secretlintScan(lint, cases), cases);
  ctx.print(`labelled cases (rules/secrets/*.cases.*): ${vigilOnCases.expected} secrets, ${cases.reduce((n, c) => n + c.labels.filter((l) => l.kind === "ok").length, 0)} look-alikes that are not`);
  ctx.print(formatTable([
    ["tool", "secrets found", "look-alikes flagged"],
    ["Vigil", `${vigilOnCases.hit}/${vigilOnCases.expected}`, String(vigilOnCases.falsePositives)],
    ["secretlint", `${secretlintOnCases.hit}/${secretlintOnCases.expected}`, String(secretlintOnCases.falsePositives)],
  ], ["l", "r", "r"]));

  return {
    files: files.length, lines, runs,
    vigil: { medianMs: vigilMs, lineIndexMs, findings: vigilFindings.length, cases: vigilOnCases },
    secretlint: { medianMs: secretlintMs, findings: secretlintFindings.length, cases: secretlintOnCases },
    speedup: secretlintMs / vigilMs,
    noise: { findings: noise.length, per100kLines: per100k, list: noise.map((f) => ({ ...f, path: relative(dir, f.path) })) },
  };
}

/** Worker mode: `node secrets.mjs --worker vigil|secretlint FILES.json REPO` prints { ms, findings }. */
async function worker([tool, listFile, repoRoot]) {
  const files = JSON.parse(readFileSync(listFile, "utf8")).map((path) => ({ path, text: readFileSync(path, "utf8") }));
  const timing = { lineIndexMs: 0 };
  const scanner = tool === "vigil" ? await loadEngine(repoRoot, "secrets", ENGINE_EXPORTS).then((engine) => async (f) => vigilScan(engine, [engine.secretsAnalyzer], f, timing)) : await loadSecretlint().then((lint) => (f) => secretlintScan(lint, f));
  const started = performance.now();
  const findings = await scanner(files);
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, lineIndexMs: timing.lineIndexMs, findings }));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--worker") await worker(process.argv.slice(3));
