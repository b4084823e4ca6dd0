import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CancellationTokenSource, type PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { fileUri } from "../../server/src/lsp/uri";
import type { ExportSarifResult, ScanWorkspaceResult, StatusParams } from "../../server/src/lsp/protocol";
import { sarifErrors } from "../helpers/sarif";
import { LspSession } from "./lsp-session";

const CLEAN = (i: number) => `export function add${i}(a: number, b: number): number {\n  return a + b + ${i};\n}\n`;
const INSECURE = `import https from "node:https";\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`;

/** A project of `count` clean modules, the first `insecure` of them insecure, plus an excluded node_modules. */
function project(root: string, count: number, insecure: number): string[] {
  mkdirSync(path.join(root, "src"), { recursive: true });
  mkdirSync(path.join(root, "node_modules", "dep"), { recursive: true });
  writeFileSync(path.join(root, "node_modules", "dep", "index.js"), INSECURE);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(root, "src", `module${i}.ts`);
    writeFileSync(file, i < insecure ? INSECURE : CLEAN(i));
    files.push(file);
  }
  return files;
}

interface Progress {
  token: string;
  value: { kind: string; title?: string; percentage?: number; message?: string; cancellable?: boolean };
}

describe("workspace scan: progress, diagnostics for closed files, clearing, cancellation, SARIF", () => {
  let dir: string;
  let files: string[];
  let s: LspSession;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-scan-"));
    files = project(dir, 60, 3);
    s = await LspSession.start({ folders: [dir] });
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a scan reports cancellable progress, publishes every file with findings and sums them by severity", async () => {
    const mark = s.mark();
    const result: ScanWorkspaceResult = await s.conn.sendRequest("vigil/scanWorkspace", {});
    assert.equal(result.cancelled, false);
    assert.equal(result.filesScanned, 60, "node_modules is excluded");
    assert.equal(result.filesWithFindings, 3);
    assert.deepEqual(result.counts, { critical: 0, high: 3, medium: 0, low: 0, info: 0 });

    const create = s.messages.slice(mark).find((m) => m.method === "window/workDoneProgress/create");
    const token = (create!.params as { token: string }).token;
    const progress = s.messages.slice(mark).filter((m) => m.method === "$/progress").map((m) => m.params as Progress);
    assert.ok(progress.every((p) => p.token === token));
    const kinds = progress.map((p) => p.value.kind);
    assert.equal(kinds[0], "begin");
    assert.equal(kinds.at(-1), "end");
    assert.equal(progress[0]!.value.cancellable, true);
    const reports = progress.filter((p) => p.value.kind === "report");
    assert.ok(reports.length >= 1);
    assert.match(reports.at(-1)!.value.message!, /^60\/60 files$/);
    assert.equal(reports.at(-1)!.value.percentage, 100);

    const published = s.messages
      .slice(mark)
      .filter((m) => m.method === "textDocument/publishDiagnostics")
      .map((m) => m.params as PublishDiagnosticsParams)
      .filter((p) => p.diagnostics.length);
    assert.deepEqual(published.map((p) => p.uri).sort(), files.slice(0, 3).map(fileUri).sort());
    assert.equal(published[0]!.diagnostics[0]!.code, "js/tls-verification-disabled");

    const statuses = s.messages.slice(mark).filter((m) => m.method === "vigil/status").map((m) => m.params as StatusParams);
    assert.ok(statuses.some((st) => st.scanning), "status said scanning");
    await s.waitFor<StatusParams>("vigil/status", (st) => !st.scanning && st.counts.high === 3, mark);
  });

  test("exporting SARIF gives the current findings, valid against the 2.1.0 schema", async () => {
    const out: ExportSarifResult = await s.conn.sendRequest("vigil/exportSarif", { folder: fileUri(dir) });
    assert.equal(out.complete, true);
    assert.equal(out.filesWithFindings, 3);
    assert.deepEqual(sarifErrors(out.sarif), []);
    const results = (out.sarif as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
    assert.deepEqual(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri), ["src/module0.ts", "src/module1.ts", "src/module2.ts"]);
  });

  test("a file fixed on disk is cleared by the next scan; an open file counts with its edited text", async () => {
    writeFileSync(files[0]!, CLEAN(0));
    const open = fileUri(files[5]!);
    let mark = s.mark();
    await s.open(open, INSECURE); // unsaved: the disk copy is clean
    await s.diagnostics(open, mark, (d) => d.length === 1);
    mark = s.mark();
    const result: ScanWorkspaceResult = await s.conn.sendRequest("vigil/scanWorkspace", { folders: [fileUri(dir)] });
    assert.equal(result.filesWithFindings, 3);
    assert.deepEqual(await s.diagnostics(fileUri(files[0]!), mark), []);
  });

  test("cancelling the progress stops the scan early and keeps what was published", async () => {
    const big = path.join(dir, "big");
    mkdirSync(big);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(big, `m${i}.ts`), CLEAN(i));
    const mark = s.mark();
    const pending = s.conn.sendRequest("vigil/scanWorkspace", {}) as Promise<ScanWorkspaceResult>;
    const first = await s.waitFor<Progress>("$/progress", (p) => p.value.kind === "report", mark);
    await s.conn.sendNotification("window/workDoneProgress/cancel", { token: first.token });
    const result = await pending;
    assert.equal(result.cancelled, true);
    assert.ok(result.filesScanned < 462, `stopped early (${result.filesScanned} files)`);
    assert.equal(s.messages.slice(mark).filter((m) => m.method === "textDocument/publishDiagnostics" && !(m.params as PublishDiagnosticsParams).diagnostics.length).length, 0, "nothing cleared");
    await s.waitFor<Progress>("$/progress", (p) => p.token === first.token && p.value.kind === "end", mark);
  });

  test("cancelling the request ($/cancelRequest) stops the scan too", async () => {
    const source = new CancellationTokenSource();
    const mark = s.mark();
    const pending = s.conn.sendRequest("vigil/scanWorkspace", {}, source.token) as Promise<ScanWorkspaceResult>;
    await s.waitFor<Progress>("$/progress", (p) => p.value.kind === "report", mark);
    source.cancel();
    await assert.rejects(pending, /cancel/i);
    const end = await s.waitFor<Progress>("$/progress", (p) => p.value.kind === "end", mark);
    assert.ok(end);
  });
});

describe("workspace settings: vigil.config.json problems and workspace trust", () => {
  const OFF = JSON.stringify({ rules: { "js/tls-verification-disabled": "off" } });

  async function openInsecure(s: LspSession, dir: string) {
    const uri = fileUri(path.join(dir, "a.ts"));
    const mark = s.mark();
    await s.open(uri, INSECURE);
    return (await s.diagnostics(uri, mark)).map((d) => d.code);
  }

  test("a config error is a diagnostic on the file, and the defaults apply", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-config-"));
    writeFileSync(path.join(dir, "vigil.config.json"), '{\n  "rules": {},\n  "exlude": ["dist/**"]\n}\n');
    const s = await LspSession.start({ folders: [dir] });
    try {
      const [d] = await s.diagnostics(fileUri(path.join(dir, "vigil.config.json")), 0);
      assert.match(d!.message as string, /unknown key "exlude"/);
      assert.deepEqual(d!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } });
      assert.deepEqual(await openInsecure(s, dir), ["js/tls-verification-disabled"]);

      // Fixing the file on disk and telling the server (file watcher) clears it and applies it.
      const mark = s.mark();
      writeFileSync(path.join(dir, "vigil.config.json"), OFF);
      await s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: fileUri(path.join(dir, "vigil.config.json")), type: 2 }] });
      assert.deepEqual(await s.diagnostics(fileUri(path.join(dir, "vigil.config.json")), mark), []);
      assert.deepEqual(await s.diagnostics(fileUri(path.join(dir, "a.ts")), mark), [], "re-diagnosed with the rule off");
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("in an untrusted workspace the config cannot turn rules off, and says so on the file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-trust-"));
    writeFileSync(path.join(dir, "vigil.config.json"), OFF);
    const untrusted = await LspSession.start({ folders: [dir], initializationOptions: { trusted: false } });
    try {
      const [note] = await untrusted.diagnostics(fileUri(path.join(dir, "vigil.config.json")), 0);
      assert.match(note!.message as string, /Restricted mode/);
      assert.equal(note!.severity, 3);
      assert.deepEqual(await openInsecure(untrusted, dir), ["js/tls-verification-disabled"]);
    } finally {
      await untrusted.stop();
    }
    const trusted = await LspSession.start({ folders: [dir], initializationOptions: { trusted: true } });
    try {
      assert.deepEqual(await openInsecure(trusted, dir), []);
    } finally {
      await trusted.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
