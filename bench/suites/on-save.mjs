// On-save latency in the editor loop: the time from a client sending didSave to the server's
// publishDiagnostics for that file, over `vigil lsp --stdio`, for a realistic 1,100-line TS file
// (bench/fixtures/order-service.ts). Beside it, in the same run and interleaved save by save so
// load on a shared machine falls on both alike, the floor: ESLint's in-process Linter on the same
// text with the same parser and eslint-plugin-security's recommended rules. Then re-saving
// unchanged text, which the server answers from its content-hash cache.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "../lib/measure.mjs";
import { count, formatTable, ratio } from "../lib/table.mjs";

const require = createRequire(import.meta.url);
const rpc = require("vscode-languageserver-protocol/node");
const { Linter } = require("eslint");
const tsParser = require("@typescript-eslint/parser");
const security = require("eslint-plugin-security");

export const name = "on-save";
export const description = "didSave -> publishDiagnostics over LSP for a 1,100-line TS file, beside in-process ESLint (the floor)";
export const options = {
  saves: { type: "string", description: "on-save: saves measured per case (default 50)" },
  file: { type: "string", description: "on-save: measure this TS file instead of bench/fixtures/order-service.ts" },
};

const WARMUP = 5;
const TIMEOUT_MS = 60_000;

function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)];
}

/** The server over stdio, with a promise per publishDiagnostics we wait for. */
async function startServer(cli, folder) {
  const child = spawn(process.execPath, [cli, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let waiting;
  // The server traces each analysis with its own duration: the engine's share of a save.
  const engineMs = [];
  conn.onNotification("$/logTrace", ({ message }) => {
    const m = /^analysed: .* findings, ([\d.]+) ms\)$/.exec(message);
    if (m) engineMs.push(Number(m[1]));
  });
  conn.onNotification("textDocument/publishDiagnostics", (params) => {
    if (waiting && params.uri === waiting.uri && params.version === waiting.version) {
      clearTimeout(waiting.timer);
      waiting.resolve(params);
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
  await conn.sendNotification("initialized", {});
  return {
    conn,
    engineMs,
    /** Sends a notification and resolves with the milliseconds until `uri`'s diagnostics for `version`. */
    async timeUntilDiagnostics(uri, version, method, params) {
      const published = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        waiting = { uri, version, resolve, timer };
      });
      const started = process.hrtime.bigint();
      await conn.sendNotification(method, params);
      const diagnostics = await published;
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, count: diagnostics.diagnostics.length };
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
function eslintFloor() {
  const linter = new Linter({ configType: "flat" });
  const config = [
    { files: ["**/*.ts"], languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" } },
    security.configs.recommended,
  ];
  return (text) => {
    const started = process.hrtime.bigint();
    const messages = linter.verify(text, config, { filename: "order-service.ts" });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, count: messages.length };
  };
}

export async function run(ctx) {
  const saves = Number(ctx.values.saves ?? 50);
  if (!Number.isInteger(saves) || saves < 1) throw new Error(`--saves must be a positive whole number, not "${ctx.values.saves}"`);
  const cli = join(ctx.repoRoot, "dist", "cli.js");
  if (!existsSync(cli)) throw new Error("dist/cli.js is missing: run `npm run build` first (`npm run bench` does)");
  const source = resolve(ctx.values.file ?? join(ctx.repoRoot, "bench", "fixtures", "order-service.ts"));
  const text = readFileSync(source, "utf8");
  const lines = text.split("\n").length;

  const folder = mkdtempSync(join(tmpdir(), "vigil-bench-on-save-"));
  const file = join(folder, "order-service.ts");
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const server = await startServer(cli, folder);
  const floor = eslintFloor();
  try {
    ctx.progress(`on-save: ${count(lines)} lines, ${WARMUP} warm-up and ${saves} measured saves per case`);
    const open = await server.timeUntilDiagnostics(uri, 1, "textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });

    // Each save follows a real edit (a comment line that changes), so every save is new content.
    let version = 1;
    const vigilMs = [];
    const floorMs = [];
    let findings = 0;
    let floorMessages = 0;
    for (let i = 0; i < WARMUP + saves; i++) {
      const edited = `${text}// edit ${i}\n`;
      version++;
      await server.conn.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text: edited }],
      });
      const vigil = await server.timeUntilDiagnostics(uri, version, "textDocument/didSave", { textDocument: { uri } });
      const eslint = floor(edited);
      if (i < WARMUP) continue;
      vigilMs.push(vigil.ms);
      floorMs.push(eslint.ms);
      findings = vigil.count;
      floorMessages = eslint.count;
    }

    const engineMs = server.engineMs.slice(-saves);
    const unchangedMs = [];
    for (let i = 0; i < WARMUP + saves; i++) {
      const resave = await server.timeUntilDiagnostics(uri, version, "textDocument/didSave", { textDocument: { uri } });
      if (i >= WARMUP) unchangedMs.push(resave.ms);
    }

    const fmt = (ms) => ms.toFixed(1);
    const rows = [
      ["case", "median ms", "p95 ms", "findings"],
      ["Vigil: didSave -> publishDiagnostics, changed text", fmt(median(vigilMs)), fmt(p95(vigilMs)), String(findings)],
      ["  of which analyzeFile in the server (engine)", fmt(median(engineMs)), fmt(p95(engineMs)), ""],
      ["ESLint Linter.verify in-process, same parser + security rules (floor)", fmt(median(floorMs)), fmt(p95(floorMs)), String(floorMessages)],
      ["Vigil: didSave -> publishDiagnostics, unchanged text (cache)", fmt(median(unchangedMs)), fmt(p95(unchangedMs)), String(findings)],
    ];
    ctx.print(`${relative(ctx.repoRoot, source)}: ${count(lines)} lines; first diagnostics after open ${fmt(open.ms)} ms`);
    ctx.print(formatTable(rows, ["l", "r", "r", "r"]));
    ctx.print(
      `p95 vs floor p95: ${ratio(p95(vigilMs), p95(floorMs))} (target <= 1.50x and < 100 ms); ` +
        `unchanged re-save p95 ${fmt(p95(unchangedMs))} ms (target < 5 ms)`,
    );
    return {
      file: source,
      lines,
      saves,
      openMs: open.ms,
      vigil: { medianMs: median(vigilMs), p95Ms: p95(vigilMs), findings, engineMedianMs: median(engineMs), engineP95Ms: p95(engineMs) },
      floor: { medianMs: median(floorMs), p95Ms: p95(floorMs), messages: floorMessages },
      unchanged: { medianMs: median(unchangedMs), p95Ms: p95(unchangedMs) },
    };
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
}
