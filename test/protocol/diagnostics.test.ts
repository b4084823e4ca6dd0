import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { ruleDocUrl } from "../../server/src/engine/rule";
import { fileUri } from "../../server/src/lsp/uri";
import type { DiagnosticData, StatusParams } from "../../server/src/lsp/protocol";
import { LspSession } from "./lsp-session";

const VULNERABLE = `import https from "node:https";

export function client(host: string) {
  return new https.Agent({ host, rejectUnauthorized: false });
}
`;

describe("diagnostics over stdio: open, change, save, settings, shutdown", () => {
  let dir: string;
  let s: LspSession;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-diag-"));
    s = await LspSession.start({ folders: [dir], settings: { scanOn: "save" } });
  });
  after(() => {
    s.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test("initialize announces incremental sync, code actions and the server commands", () => {
    const caps = s.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ["quickfix", "source.fixAll.vigil"] });
    assert.deepEqual(caps.executeCommandProvider, { commands: ["vigil.server.showDocumentation"] });
    assert.equal(s.initializeResult.serverInfo?.name, "vigil");
  });

  const uri = () => fileUri(path.join(dir, "client.ts"));

  test("opening a file publishes a diagnostic shaped for editors", async () => {
    writeFileSync(path.join(dir, "client.ts"), VULNERABLE);
    const mark = s.mark();
    await s.open(uri(), VULNERABLE);
    const [d, ...rest] = await s.diagnostics(uri(), mark);
    assert.equal(rest.length, 0);
    assert.equal(d!.source, "vigil");
    assert.equal(d!.code, "js/tls-verification-disabled");
    assert.deepEqual(d!.codeDescription, { href: ruleDocUrl("js/tls-verification-disabled") });
    assert.equal(d!.severity, DiagnosticSeverity.Error, "high -> Error");
    assert.deepEqual(d!.range, { start: { line: 3, character: 33 }, end: { line: 3, character: 58 } });
    const data = d!.data as DiagnosticData;
    assert.equal(data.version, 1);
    assert.match(data.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(data.fixes[0]!.isPreferred, true);
    const status = await s.waitFor<StatusParams>("vigil/status", (p) => p.counts.high === 1, mark);
    assert.equal(status.scanning, false);
  });

  test('with scanOn "save", typing does not analyse; saving does, and re-saving unchanged text does not re-analyse', async () => {
    let mark = s.mark();
    await s.edit(uri(), [{ range: { start: { line: 3, character: 53 }, end: { line: 3, character: 58 } }, newText: "true" }]);
    await s.save(uri());
    assert.deepEqual(await s.diagnostics(uri(), mark), [], "the saved text is clean");
    assert.ok(
      s.messages.slice(mark).every((m) => m.method !== "textDocument/publishDiagnostics" || (m.params as { version?: number }).version === 2),
      "nothing was published for the change alone",
    );
    assert.ok(s.traces(mark).some((t) => t.startsWith("analysed: ") && t.includes(" v2 ")), s.traces(mark).join("\n"));

    mark = s.mark();
    await s.save(uri());
    await s.diagnostics(uri(), mark);
    const traces = s.traces(mark);
    assert.ok(traces.some((t) => t.startsWith("unchanged, not re-analysed: ")), traces.join("\n"));
    assert.ok(!traces.some((t) => t.startsWith("analysed: ")), traces.join("\n"));
  });

  test('a settings change is pulled again and re-diagnoses open files; with scanOn "type" a pause in typing analyses', async () => {
    const before = s.configurationRequests;
    let mark = s.mark();
    await s.setSettings({ scanOn: "type", typeDelay: 1000 }); // long enough that the two edits below always fall inside it
    await s.diagnostics(uri(), mark);
    assert.ok(s.configurationRequests > before, "workspace/configuration asked again");

    mark = s.mark();
    // Two quick edits: only the text after the last one is analysed.
    await s.edit(uri(), [{ range: { start: { line: 3, character: 53 }, end: { line: 3, character: 57 } }, newText: "fals" }]);
    await s.edit(uri(), [{ range: { start: { line: 3, character: 57 }, end: { line: 3, character: 57 } }, newText: "e" }]);
    const diags = await s.diagnostics(uri(), mark, (d) => d.length === 1);
    assert.equal((diags[0]!.data as DiagnosticData).version, 4);
    assert.ok(!s.traces(mark).some((t) => t.includes(" v3 ")), "the stale version 3 was never analysed");
  });

  test('scanOn "off" clears the open file and stops analysing it', async () => {
    let mark = s.mark();
    await s.setSettings({ scanOn: "off" });
    assert.deepEqual(await s.diagnostics(uri(), mark), []);
    mark = s.mark();
    await s.save(uri());
    await s.setSettings({ scanOn: "save" });
    assert.equal((await s.diagnostics(uri(), mark)).length, 1, "back on: the save-time text has the finding");
  });

  test("a bad setting value falls back to the default with a log line", async () => {
    const mark = s.mark();
    await s.setSettings({ scanOn: "sometimes" });
    await s.diagnostics(uri(), mark);
    const log = await s.waitFor<{ message: string }>("window/logMessage", (p) => p.message.includes("vigil.scanOn"), mark);
    assert.match(log.message, /ignoring "sometimes", using "save"/);
  });

  test("a taint finding's path from source to sink arrives as related information", async () => {
    const tainted = fileUri(path.join(dir, "redirect.js"));
    const mark = s.mark();
    await s.open(tainted, 'const app = require("express")();\napp.get("/go", (req, res) => {\n  const next = req.query.next;\n  res.redirect(next);\n});\n', "javascript");
    const [d] = await s.diagnostics(tainted, mark);
    assert.equal(d!.code, "js/open-redirect");
    assert.equal(d!.severity, DiagnosticSeverity.Warning, "medium -> Warning");
    assert.deepEqual(
      d!.relatedInformation!.map((r) => [r.location.uri === tainted, r.location.range.start.line, r.message]),
      [
        [true, 2, "Source: `req.query.next`"],
        [true, 2, "assigned to `next`"],
        [true, 3, "Reaches a redirect target"],
      ],
    );
  });

  test("a request the server cannot serve is answered and logged, and the server carries on", async () => {
    const actions = await s.conn.sendRequest("textDocument/codeAction", {
      textDocument: { uri: "file:///nowhere/missing.ts" },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [{ source: "vigil", code: "js/x", message: "m", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: 42 }] },
    });
    assert.deepEqual(actions, []);
    await assert.rejects(s.conn.sendRequest("vigil/exportSarif", { folder: "file:///not/a/folder" }));
    const mark = s.mark();
    await s.save(uri());
    await s.diagnostics(uri(), mark);
  });

  test("shutdown then exit ends the process with code 0", async () => {
    assert.equal(await s.stop(), 0);
  });
});
