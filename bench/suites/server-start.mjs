// First diagnostics after the language server starts: from spawning `node dist/server.js --stdio`
// (the bundle the VS Code extension runs) through initialize and didOpen of a 965-line TS file to
// its first publishDiagnostics, median over fresh starts. Beside it, in the same run and
// interleaved start by start: a bare `node -e ""` (what any Node process costs to start), loading
// ESLint with the typescript-eslint parser and eslint-plugin-security, and that load plus a first
// lint of the same file (what a fresh ESLint-based server shows its first result after). Then the
// server's pre-warm: how long it runs after `initialized`, and a document opened once it is done.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { median } from "../lib/measure.mjs";
import { count, formatTable } from "../lib/table.mjs";
import { benchFiles, shownPath, startServer, verdict, workspaceCopy } from "./on-save.mjs";

export const name = "server-start";
export const description = "spawn -> first publishDiagnostics of a 965-line TS file (fresh server), beside node startup and ESLint's load time";
export const options = {
  runs: { type: "string", description: "runs per tool, medians printed (default 3)" },
};

const DEFAULT_RUNS = 7;
const TARGET_MS = 500;

const LOAD_ESLINT = `const { Linter } = require("eslint"); require("@typescript-eslint/parser"); require("eslint-plugin-security"); new Linter({ configType: "flat" });`;
const LINT_ONCE = `
const { Linter } = require("eslint");
const parser = require("@typescript-eslint/parser");
const security = require("eslint-plugin-security");
const text = require("node:fs").readFileSync(process.argv[1], "utf8");
const config = [{ files: ["**/*.ts"], languageOptions: { parser, ecmaVersion: "latest", sourceType: "module" } }, security.configs.recommended];
new Linter({ configType: "flat" }).verify(text, config, { filename: "file.ts" });`;

/** Wall time of a fresh `node` from spawn to exit. */
function timeNode(args, cwd) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`node ${args.slice(0, 2).join(" ")} exited ${code}: ${stderr}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

/** A fresh server: spawn, initialize, open the file at once; resolves with its milestones in ms after spawn. */
async function firstDiagnostics(serverArgs, folder, uri, text) {
  const server = await startServer(serverArgs, folder);
  try {
    const open = await server.timeUntilDiagnostics(uri, 1, "textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const usedCodeCache = server.traces.some((t) => t.message === "code cache used");
    return { initializedMs: server.initializedMs, firstDiagnosticsMs: Number(open.at - server.spawnedAt) / 1e6, findings: open.count, usedCodeCache };
  } finally {
    await server.stop().catch(() => undefined);
  }
}

/** A fresh server left alone until its pre-warm is done, then the file opened: the first analysis of a warm server. */
async function afterPrewarm(serverArgs, folder, uri, text) {
  const server = await startServer(serverArgs, folder);
  try {
    const done = await server.trace(/^pre-warm done in (\d+) ms$/);
    const open = await server.timeUntilDiagnostics(uri, 1, "textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    return { prewarmMs: Number(/(\d+) ms$/.exec(done)[1]), openToDiagnosticsMs: open.ms };
  } finally {
    await server.stop().catch(() => undefined);
  }
}

export async function run(ctx) {
  const runs = Number(ctx.values.runs ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${ctx.values.runs}"`);
  const serverJs = join(ctx.repoRoot, "dist", "server.js");
  if (!existsSync(serverJs)) throw new Error("dist/server.js is missing: run `npm run build` first (`npm run bench` does)");
  const source = benchFiles(ctx)[0];
  const { text, lines, folder, uri } = workspaceCopy(source, "vigil-bench-server-start-");
  const serverArgs = [serverJs, "--stdio"];

  const samples = { node: [], eslintLoad: [], eslintFirstLint: [], initialized: [], first: [], prewarm: [], warmOpen: [] };
  let findings = 0;
  let codeCacheStarts = 0;
  try {
    ctx.progress(`server-start: ${basename(source)}, ${count(lines)} lines, 1 warm-up and ${runs} measured starts per case`);
    // One start unmeasured: the OS file cache then holds the bundle and node_modules for every tool
    // alike, and the server, left to finish its pre-warm, writes its code cache as after any first start.
    await afterPrewarm(serverArgs, folder, uri, text);
    await timeNode(["-e", LINT_ONCE, source], ctx.repoRoot);
    for (let i = 0; i < runs; i++) {
      samples.node.push(await timeNode(["-e", ""], ctx.repoRoot));
      samples.eslintLoad.push(await timeNode(["-e", LOAD_ESLINT], ctx.repoRoot));
      samples.eslintFirstLint.push(await timeNode(["-e", LINT_ONCE, source], ctx.repoRoot));
      const fresh = await firstDiagnostics(serverArgs, folder, uri, text);
      samples.initialized.push(fresh.initializedMs);
      samples.first.push(fresh.firstDiagnosticsMs);
      findings = fresh.findings;
      if (fresh.usedCodeCache) codeCacheStarts++;
      const warm = await afterPrewarm(serverArgs, folder, uri, text);
      samples.prewarm.push(warm.prewarmMs);
      samples.warmOpen.push(warm.openToDiagnosticsMs);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const fmt = (ms) => ms.toFixed(0);
  const row = (label, values) => [label, fmt(median(values)), fmt(Math.min(...values)), fmt(Math.max(...values))];
  ctx.print(`${shownPath(ctx, source)}: ${count(lines)} lines, ${findings} diagnostics; fresh processes, ${runs} runs; code cache used in ${codeCacheStarts} of ${runs} first-diagnostics starts`);
  ctx.print(
    formatTable(
      [
        ["case (ms from spawn)", "median", "min", "max"],
        row(`node -e "" (start and exit)`, samples.node),
        row("ESLint + typescript-eslint parser + security plugin: load", samples.eslintLoad),
        row("  same, load + first lint of the file", samples.eslintFirstLint),
        row("Vigil server: initialize answered", samples.initialized),
        row("Vigil server: first diagnostics for the file", samples.first),
        row("Vigil server: pre-warm, from initialized to done", samples.prewarm),
        row("  didOpen -> diagnostics once pre-warm is done", samples.warmOpen),
      ],
      ["l", "r", "r", "r"],
    ),
  );
  const first = median(samples.first);
  const acceptance = {
    criterion: `first diagnostics after the server starts, ${basename(source)}: under ${TARGET_MS} ms (#8)`,
    figure: `median ${fmt(first)} ms from spawn`,
    anchor: `node -e "" ${fmt(median(samples.node))} ms; ESLint load ${fmt(median(samples.eslintLoad))} ms, load + first lint ${fmt(median(samples.eslintFirstLint))} ms`,
    met: first < TARGET_MS,
  };
  ctx.print(`${acceptance.criterion}: ${acceptance.figure} (${acceptance.anchor}): ${verdict(acceptance.met)}`);
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  return { file: source, lines, runs, findings, codeCacheStarts, medianMs: medians, samplesMs: samples, acceptance: [acceptance] };
}
