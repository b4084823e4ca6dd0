import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { fileUri } from "../../server/src/lsp/uri";
import { LspSession } from "./lsp-session";

const SAVES_DONE = /^pre-warm of saves done in \d+ ms \((\d+) findings; [\d.]+(, [\d.]+)* ms\)$/;
const INSECURE_TS = `import https from "node:https";\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`;
const EVAL_LINE = "export const run = (code: string) => eval(code);\n";

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-prewarm-saves-"));
  writeFileSync(path.join(dir, "agent.ts"), INSECURE_TS);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("after a TS document's first diagnostics the server warms its saves, publishes nothing for it, and edits then saves of the document are diagnosed anew", async () => {
  const s = await LspSession.start({ folders: [dir] });
  try {
    const uri = fileUri(path.join(dir, "agent.ts"));
    await s.open(uri, INSECURE_TS);
    const first = await s.diagnostics(uri, 0);
    assert.deepEqual(first.map((d) => d.code), ["js/tls-verification-disabled"]);
    const done = await s.waitFor<{ message: string }>("$/logTrace", (p) => SAVES_DONE.test(p.message) || p.message.startsWith("pre-warm of saves failed"), 0, "pre-warm of saves");
    assert.ok(Number(SAVES_DONE.exec(done.message)?.[1]) > 0, done.message);

    // Each save re-parses the kept tree: a line added and removed again shows in the diagnostics.
    let since = s.mark();
    await s.edit(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: EVAL_LINE }]);
    await s.save(uri);
    const withEval = await s.diagnostics(uri, since);
    assert.ok(withEval.some((d) => d.code === "js/code-injection"), JSON.stringify(withEval));
    assert.ok(withEval.some((d) => d.code === "js/tls-verification-disabled"));
    since = s.mark();
    await s.edit(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: "" }]);
    await s.save(uri);
    assert.deepEqual((await s.diagnostics(uri, since)).map((d) => d.code), ["js/tls-verification-disabled"]);

    const published = s.messages.filter((m) => m.method === "textDocument/publishDiagnostics").map((m) => (m.params as PublishDiagnosticsParams).uri);
    assert.deepEqual([...new Set(published)], [uri]);
  } finally {
    await s.stop();
  }
});

test("no JS or TS document, no warming of saves", async () => {
  const s = await LspSession.start({ folders: [dir] });
  try {
    const uri = fileUri(path.join(dir, "Dockerfile"));
    await s.open(uri, "FROM node:latest\nUSER root\n", "dockerfile");
    await s.diagnostics(uri, 0);
    await s.waitFor<{ message: string }>("$/logTrace", (p) => /^pre-warm done in \d+ ms$/.test(p.message), 0, "pre-warm done");
    // Longer than the save pre-warm's grace after a document: it would have started by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!s.traces(0).some((t) => t.startsWith("pre-warm of saves")), s.traces(0).join("\n"));
  } finally {
    await s.stop();
  }
});
