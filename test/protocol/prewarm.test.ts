import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { fileUri } from "../../server/src/lsp/uri";
import { LspSession } from "./lsp-session";

const DONE = /^pre-warm done in \d+ ms$/;
const INSECURE_TS = `import https from "node:https";\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`;

/** A folder whose every file has findings, so anything published for a file nobody opened would show. */
function insecureFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-prewarm-"));
  mkdirSync(path.join(dir, ".github", "workflows"), { recursive: true });
  writeFileSync(path.join(dir, "agent.ts"), INSECURE_TS);
  writeFileSync(path.join(dir, "run.js"), `const { exec } = require("child_process");\nmodule.exports = (req) => exec(req.query.cmd);\n`);
  writeFileSync(path.join(dir, "Dockerfile"), "FROM node:latest\nUSER root\n");
  writeFileSync(path.join(dir, ".github", "workflows", "ci.yml"), 'on: pull_request_target\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n');
  return dir;
}

const traceIndex = (s: LspSession, pattern: RegExp) =>
  s.messages.findIndex((m) => m.method === "$/logTrace" && pattern.test((m.params as { message: string }).message));

describe("pre-warm: the analyzers warm up in the background after initialized", () => {
  let dir: string;
  before(() => {
    dir = insecureFolder();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("requests are answered while it runs, and it publishes nothing", async () => {
    const s = await LspSession.start({ folders: [dir] });
    try {
      // Sent straight after initialized: answered between pre-warm steps, not after the last.
      const hover = await s.conn.sendRequest("textDocument/hover", { textDocument: { uri: fileUri(path.join(dir, "agent.ts")) }, position: { line: 0, character: 0 } });
      assert.equal(hover, null);
      assert.equal(traceIndex(s, DONE), -1, "the request was answered before pre-warm finished");
      await s.waitFor<{ message: string }>("$/logTrace", (p) => DONE.test(p.message), 0, "pre-warm done");
      const steps = s.traces(0).filter((t) => t.startsWith("pre-warm: "));
      assert.ok(steps.length >= 5 && steps.every((t) => !t.includes("failed")), steps.join("\n"));
      assert.deepEqual(s.messages.filter((m) => m.method === "textDocument/publishDiagnostics"), [], "nothing published for files nobody opened");
    } finally {
      await s.stop();
    }
  });

  test("a document opened at start is analysed before pre-warm goes on, and only it is published", async () => {
    const s = await LspSession.start({ folders: [dir] });
    try {
      const uri = fileUri(path.join(dir, "agent.ts"));
      await s.open(uri, INSECURE_TS);
      const diagnostics = await s.diagnostics(uri, 0);
      assert.ok(diagnostics.some((d) => d.code === "js/tls-verification-disabled"), JSON.stringify(diagnostics));
      await s.waitFor<{ message: string }>("$/logTrace", (p) => DONE.test(p.message), 0, "pre-warm done");
      const analysed = traceIndex(s, /^analysed: /);
      assert.ok(analysed >= 0 && analysed < traceIndex(s, DONE), s.traces(0).join("\n"));
      const published = s.messages.filter((m) => m.method === "textDocument/publishDiagnostics").map((m) => (m.params as PublishDiagnosticsParams).uri);
      assert.deepEqual([...new Set(published)], [uri]);
    } finally {
      await s.stop();
    }
  });
});
