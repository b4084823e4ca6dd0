// On-save latency in the editor loop: the time from a client sending didSave to the server's
// publishDiagnostics for that file, over `vigil lsp --stdio`, for two realistic TS files: the
// 965-line trpc WebSocket adapter of corpus-100k (the file the baseline figures were taken on)
// and bench/fixtures/order-service.ts (1,105 lines). Beside it, in the same run and interleaved
// save by save so load on a shared machine falls on both alike, the floor: ESLint's in-process
// Linter on the same text with the same parser and eslint-plugin-security's recommended rules.
// Then re-saving unchanged text, which the server answers from its content-hash cache. Each
// target of the on-save acceptance criteria is printed with whether it is met.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "../lib/measure.mjs";
import { count, formatTable } from "../lib/table.mjs";

const require = createRequire(import.meta.url);
const rpc = require("vscode-languageserver-protocol/node");
const { Linter } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const security = require("eslint-plugin-security");

export const name = "on-save";
export const description = "didSave -> publishDiagnostics over LSP for 965- and 1,105-line TS files, beside in-process ESLint (the floor), with the #3 and #8 targets";
export const options = {
  saves: { type: "string", description: "on-save: saves measured per case (default 50)" },
  file: { type: "string", description: "on-save, server-start: measure this TS file instead of the bench's" },
  cli: { type: "string", description: "on-save: the built CLI whose server is measured (default dist/cli.js), to compare two builds" },
};

/** The 965-line TS file of corpus-100k that the baseline's per-file ESLint figures were measured on. */
export const CORPUS_TS_FILE = join("trpc__server@11.25.2", "src", "adapters", "ws.ts");

const WARMUP = 5;
const TIMEOUT_MS = 60_000;

export function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)];
}

const elapsedMs = (since) => Number(process.hrtime.bigint() - since) / 1e6;

/**
 * CPU time (user + system, all threads) a process has used, from /proc on Linux (kernel clock
 * ticks of 10 ms); undefined elsewhere. Unlike latency, it hardly moves with the machine's load.
 */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The TS files a suite measures: `--file`, or the corpus file and the fixture. */
export function benchFiles(ctx) {
  if (ctx.values.file) return [resolve(ctx.values.file)];
  return [join(ctx.corpus("corpus-100k"), CORPUS_TS_FILE), join(ctx.repoRoot, "bench", "fixtures", "order-service.ts")];
}

/**
 * Starts `node <args>` as an LSP server over stdio and initializes it with `folder` as the
 * workspace. Resolves once `initialized` is sent; `spawnedAt` is when the process was started.
 */
export async function startServer(args, folder) {
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let waiting;
  const traces = [];
  const traceWaiters = [];
  // The server traces each analysis with its own duration: the engine's share of a save.
  const engineMs = [];
  conn.onNotification("$/logTrace", ({ message }) => {
    traces.push({ ms: elapsedMs(spawnedAt), message });
    const m = /^analysed: .* findings, ([\d.]+) ms\)$/.exec(message);
    if (m) engineMs.push(Number(m[1]));
    for (const w of traceWaiters.filter((w) => w.pattern.test(message))) {
      traceWaiters.splice(traceWaiters.indexOf(w), 1);
      w.resolve(message);
    }
  });
  conn.onNotification("textDocument/publishDiagnostics", (params) => {
    if (waiting && params.uri === waiting.uri && (waiting.version === undefined || params.version === waiting.version)) {
      clearTimeout(waiting.timer);
      waiting.resolve({ params, at: process.hrtime.bigint() });
      waiting = undefined;
    }
  });
  conn.onRequest("workspace/configuration", (params) => params.items.map(() => ({ scanOn: "save" })));
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "bench" }],
    trace: "verbose",
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true, versionSupport: true } } },
  });
  const initializedMs = elapsedMs(spawnedAt);
  await conn.sendNotification("initialized", {});
  return {
    conn,
    spawnedAt,
    initializedMs,
    engineMs,
    /** CPU time the server has used so far, in ms; undefined where it cannot be read. */
    cpuMs: () => processCpuMs(child.pid),
    /** Every trace line so far, with its arrival in ms after spawn. */
    traces,
    /** Resolves with the first trace line (already sent or still to come) that matches `pattern`. */
    trace(pattern) {
      const seen = traces.find((t) => pattern.test(t.message));
      return seen !== undefined ? Promise.resolve(seen.message) : new Promise((resolve) => traceWaiters.push({ pattern, resolve }));
    },
    /**
     * Sends a notification and resolves with the milliseconds until `uri`'s diagnostics (for
     * `version`, when given), their count, and the moment they arrived.
     */
    async timeUntilDiagnostics(uri, version, method, params) {
      const published = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        waiting = { uri, version, resolve, timer };
      });
      const started = process.hrtime.bigint();
      await conn.sendNotification(method, params);
      const { params: diagnostics, at } = await published;
      return { ms: Number(at - started) / 1e6, count: diagnostics.diagnostics.length, at };
    },
    async stop() {
      await conn.sendRequest("shutdown");
      await conn.sendNotification("exit");
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on("exit", resolve)));
      conn.dispose();
    },
  };
}

/** The floor: what a user's ESLint with the same parser and eslint-plugin-security costs per save. */
function eslintFloor(filename) {
  const linter = new Linter({ configType: "flat" });
  const config = [
    { files: ["**/*.ts"], languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" } },
    security.configs.recommended,
  ];
  return (text) => {
    const started = process.hrtime.bigint();
    const messages = linter.verify(text, config, { filename });
    return { ms: elapsedMs(started), count: messages.length };
  };
}

export const verdict = (met) => (met ? "met" : "not met");

/** A file as the report names it: relative to the repository, or with the home folder as `~`. */
export function shownPath(ctx, file) {
  const rel = relative(ctx.repoRoot, file);
  return rel.startsWith("..") ? file.replace(homedir(), "~") : rel;
}

/** A copy of `source` alone in a new temporary workspace folder (the caller removes `folder`). */
export function workspaceCopy(source, prefix) {
  const text = readFileSync(source, "utf8");
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const file = join(folder, basename(source));
  writeFileSync(file, text);
  // Lines as wc -l counts them: newlines.
  return { text, lines: text.split("\n").length - 1, folder, uri: pathToFileURL(file).href };
}

async function measureFile(ctx, cli, source, saves) {
  const { text, lines, folder, uri } = workspaceCopy(source, "vigil-bench-on-save-");
  const server = await startServer([cli, "lsp", "--stdio"], folder);
  const floor = eslintFloor(basename(source));
  try {
    ctx.progress(`on-save: ${basename(source)}, ${count(lines)} lines, ${WARMUP} warm-up and ${saves} measured saves per case`);
    const open = await server.timeUntilDiagnostics(uri, 1, "textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });

    // Each save follows a real edit (a comment line that changes), so every save is new content.
    let version = 1;
    const vigilMs = [];
    const floorMs = [];
    let findings = 0;
    let floorMessages = 0;
    let cpuBefore;
    for (let i = 0; i < WARMUP + saves; i++) {
      if (i === WARMUP) cpuBefore = server.cpuMs();
      const edited = `${text}// edit ${i}\n`;
      version++;
      await server.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
      const vigil = await server.timeUntilDiagnostics(uri, version, "textDocument/didSave", { textDocument: { uri } });
      const eslint = floor(edited);
      if (i < WARMUP) continue;
      vigilMs.push(vigil.ms);
      floorMs.push(eslint.ms);
      findings = vigil.count;
      floorMessages = eslint.count;
    }

    const cpuAfter = server.cpuMs();
    const cpuPerSaveMs = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / saves : undefined;
    const engineMs = server.engineMs.slice(-saves);
    const unchangedMs = [];
    for (let i = 0; i < WARMUP + saves; i++) {
      const resave = await server.timeUntilDiagnostics(uri, version, "textDocument/didSave", { textDocument: { uri } });
      if (i >= WARMUP) unchangedMs.push(resave.ms);
    }
    return { file: source, lines, openMs: open.ms, vigilMs, engineMs, cpuPerSaveMs, floorMs, unchangedMs, findings, floorMessages };
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
}

function report(ctx, m) {
  const fmt = (ms) => ms.toFixed(1);
  const rows = [
    ["case", "median ms", "p95 ms", "findings"],
    ["Vigil: didSave -> publishDiagnostics, changed text", fmt(median(m.vigilMs)), fmt(p95(m.vigilMs)), String(m.findings)],
    ["  of which analyzeFile in the server (engine)", fmt(median(m.engineMs)), fmt(p95(m.engineMs)), ""],
    ...(m.cpuPerSaveMs === undefined ? [] : [["  server CPU per save, user + system (mean)", fmt(m.cpuPerSaveMs), "", ""]]),
    ["ESLint Linter.verify in-process, same parser + security rules (floor)", fmt(median(m.floorMs)), fmt(p95(m.floorMs)), String(m.floorMessages)],
    ["Vigil: didSave -> publishDiagnostics, unchanged text (cache)", fmt(median(m.unchangedMs)), fmt(p95(m.unchangedMs)), String(m.findings)],
  ];
  const vigilP95 = p95(m.vigilMs);
  const floorP95 = p95(m.floorMs);
  const unchangedP95 = p95(m.unchangedMs);
  const name = basename(m.file);
  const eslintAnchor = `ESLint Linter p95 ${fmt(floorP95)} ms, Vigil/ESLint ${(vigilP95 / floorP95).toFixed(2)}x`;
  // Each on-save criterion of #8 and #3, in the shape bench/run.mjs prints last with every suite's.
  const acceptance = [
    { criterion: `on save, ${name}: p95 at most half of the in-process ESLint Linter's (#8)`, figure: `p95 ${fmt(vigilP95)} ms`, anchor: eslintAnchor, met: vigilP95 <= floorP95 / 2 },
    { criterion: `on save, ${name}: p95 under 100 ms (#3)`, figure: `p95 ${fmt(vigilP95)} ms`, anchor: eslintAnchor, met: vigilP95 < 100 },
    { criterion: `on save, ${name}: p95 within 1.5x the ESLint Linter's (#3)`, figure: `p95 ${fmt(vigilP95)} ms`, anchor: eslintAnchor, met: vigilP95 <= floorP95 * 1.5 },
    { criterion: `on save, ${name}: unchanged re-save p95 under 5 ms (#3)`, figure: `p95 ${fmt(unchangedP95)} ms`, anchor: "the content-hash cache", met: unchangedP95 < 5 },
  ];
  ctx.print(`${shownPath(ctx, m.file)}: ${count(m.lines)} lines; first diagnostics after open ${fmt(m.openMs)} ms`);
  ctx.print(formatTable(rows, ["l", "r", "r", "r"]));
  for (const c of acceptance) ctx.print(`  ${c.criterion}: ${c.figure} (${c.anchor}): ${verdict(c.met)}`);
  return {
    file: m.file,
    lines: m.lines,
    saves: m.vigilMs.length,
    openMs: m.openMs,
    vigil: { medianMs: median(m.vigilMs), p95Ms: vigilP95, findings: m.findings, engineMedianMs: median(m.engineMs), engineP95Ms: p95(m.engineMs), cpuPerSaveMs: m.cpuPerSaveMs },
    floor: { medianMs: median(m.floorMs), p95Ms: floorP95, messages: m.floorMessages },
    unchanged: { medianMs: median(m.unchangedMs), p95Ms: unchangedP95 },
    acceptance,
  };
}

export async function run(ctx) {
  const saves = Number(ctx.values.saves ?? 50);
  if (!Number.isInteger(saves) || saves < 1) throw new Error(`--saves must be a positive whole number, not "${ctx.values.saves}"`);
  const cli = ctx.values.cli ? resolve(ctx.values.cli) : join(ctx.repoRoot, "dist", "cli.js");
  if (!existsSync(cli)) throw new Error(`${shownPath(ctx, cli)} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  const results = [];
  for (const source of benchFiles(ctx)) {
    if (results.length) ctx.print();
    results.push(report(ctx, await measureFile(ctx, cli, source, saves)));
  }
  return { files: results, acceptance: results.flatMap((r) => r.acceptance) };
}
