import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { ruleDocUrl } from "../../server/src/engine/rule";
import { fileUri } from "../../server/src/lsp/uri";
import { ACCEPT_RISK_COMMAND, FIX_ALL_KIND, IGNORE_FINDING_COMMAND, SHOW_DOCUMENTATION_COMMAND } from "../../server/src/lsp/protocol";
import { LspSession } from "./lsp-session";

const TLS = "js/tls-verification-disabled";
const SOURCE = `const https = require("https");

function insecureAgent() {
  return new https.Agent({ rejectUnauthorized: false });
}

function devOnly() {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
}

const tls = { rejectUnauthorized: false };
module.exports = { insecureAgent, devOnly, tls };
`;

function actionsFor(s: LspSession, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return s.conn.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics, only } });
}

describe("code actions: quick fixes, ignore with a reason, documentation, fix all", () => {
  let dir: string;
  let s: LspSession;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-actions-"));
    s = await LspSession.start({ folders: [dir], initializationOptions: { trusted: true, clientCommands: [IGNORE_FINDING_COMMAND, ACCEPT_RISK_COMMAND] } });
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the safe fix is a preferred quickfix; applying it and saving leaves the file without that finding", async () => {
    const uri = fileUri(path.join(dir, "agent.js"));
    let mark = s.mark();
    await s.open(uri, SOURCE, "javascript");
    const diags = await s.diagnostics(uri, mark);
    assert.deepEqual(diags.map((d) => d.range.start.line), [3, 7, 10]);
    const actions = await actionsFor(s, uri, [diags[0]!], ["quickfix"]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ["Verify certificates (rejectUnauthorized: true)", "quickfix", true],
        [`Ignore ${TLS} on this line…`, "quickfix", false],
        [`Accept risk of ${TLS}…`, "quickfix", false],
        ["Add a threat for CWE-295 to the threat model", "quickfix", false],
        [`Show documentation for ${TLS}`, "quickfix", false],
      ],
    );
    assert.deepEqual(actions[4]!.command, { title: `Show documentation for ${TLS}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocUrl(TLS)] });

    mark = s.mark();
    await s.applyEdit(actions[0]!.edit!);
    assert.match(s.text(uri), /new https\.Agent\(\{ rejectUnauthorized: true \}\)/);
    await s.save(uri);
    assert.deepEqual((await s.diagnostics(uri, mark)).map((d) => d.range.start.line), [7, 10]);
  });

  test("a suggestion is offered but not preferred; a fix on text edited since analysis uses the current finding", async () => {
    const uri = fileUri(path.join(dir, "agent.js"));
    const diags = await s.diagnostics(uri, 0, (d) => d.length === 2);
    // Insert two lines at the top without saving: the diagnostic's stored fix ranges are now stale.
    await s.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '"use strict";\n\n' }]);
    const moved = { ...diags[1]!, range: { start: { line: 12, character: 14 }, end: { line: 12, character: 39 } } };
    const [fix] = await actionsFor(s, uri, [moved], ["quickfix"]);
    assert.equal(fix!.isPreferred, true);
    assert.deepEqual(fix!.edit!.changes![uri]![0]!.range.start, { line: 12, character: 34 }, "range in the edited text");

    const [suggestion] = await actionsFor(s, uri, [diags[0]!].map((d) => ({ ...d, range: { ...d.range, start: { line: 9, character: 2 }, end: { line: 9, character: 48 } } })), ["quickfix"]);
    assert.equal(suggestion!.title, "Remove this assignment");
    assert.equal(suggestion!.isPreferred, false);
  });

  test("ignore: the client's command asks a reason, then vigil/ignoreEdit returns the comment; it silences the finding", async () => {
    const uri = fileUri(path.join(dir, "agent.js"));
    let mark = s.mark();
    await s.save(uri);
    const diags = await s.diagnostics(uri, mark);
    const env = diags.find((d) => d.range.start.line === 9)!;
    const ignore = (await actionsFor(s, uri, [env], ["quickfix"])).find((a) => a.command?.command === IGNORE_FINDING_COMMAND)!;
    assert.deepEqual(ignore.command!.arguments, [{ uri, line: 9, ruleId: TLS }]);

    const edit = await s.conn.sendRequest("vigil/ignoreEdit", { ...ignore.command!.arguments![0], reason: "local test harness only\n(never deployed)" });
    mark = s.mark();
    await s.applyEdit(edit as never);
    const lines = s.text(uri).split("\n");
    assert.equal(lines[9], `  // vigil-ignore-next-line ${TLS} -- local test harness only (never deployed)`);
    assert.equal(lines[10], '  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";');
    await s.save(uri);
    assert.deepEqual((await s.diagnostics(uri, mark)).map((d) => d.range.start.line), [13]);
  });

  test("source.fixAll.vigil applies every safe fix of the current text and never a suggestion", async () => {
    const uri = fileUri(path.join(dir, "all.js"));
    const text = SOURCE + "const again = { rejectUnauthorized: false };\n";
    const mark = s.mark();
    await s.open(uri, text, "javascript");
    await s.diagnostics(uri, mark);
    const actions = await actionsFor(s, uri, [], [FIX_ALL_KIND]);
    assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL_KIND]);
    await s.applyEdit(actions[0]!.edit!);
    assert.equal((s.text(uri).match(/rejectUnauthorized: true/g) ?? []).length, 3);
    assert.match(s.text(uri), /NODE_TLS_REJECT_UNAUTHORIZED = "0"/, "the suggestion is left for a person to decide");
    assert.deepEqual(await actionsFor(s, uri, [], ["source.fixAll"]), [], "nothing safe left to fix");
  });

  test("the documentation command opens the rule's page through window/showDocument, and nothing else", async () => {
    const mark = s.mark();
    await s.conn.sendRequest("workspace/executeCommand", { command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocUrl(TLS)] });
    const shown = await s.waitFor<{ uri: string; external: boolean }>("window/showDocument", () => true, mark);
    assert.deepEqual(shown, { uri: ruleDocUrl(TLS), external: true });
    await s.conn.sendRequest("workspace/executeCommand", { command: SHOW_DOCUMENTATION_COMMAND, arguments: ["file:///etc/passwd"] });
    assert.equal(s.messages.slice(mark).filter((m) => m.method === "window/showDocument").length, 1);
  });
});

describe("code actions for a plain LSP client (no client commands)", () => {
  test('"Ignore on this line" inserts the comment with the placeholder reason, in the file\'s indentation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-plain-"));
    const s = await LspSession.start({ folders: [dir] });
    try {
      const uri = fileUri(path.join(dir, "agent.ts"));
      let mark = s.mark();
      await s.open(uri, SOURCE.replace('const https = require("https");', 'import https from "node:https";'));
      const [first] = await s.diagnostics(uri, mark);
      const ignore = (await actionsFor(s, uri, [first!])).find((a) => a.title.startsWith("Ignore"))!;
      assert.equal(ignore.command, undefined);
      assert.equal(ignore.title, `Ignore ${TLS} on this line (reason: "TODO: reason")`);
      mark = s.mark();
      await s.applyEdit(ignore.edit!);
      assert.equal(s.text(uri).split("\n")[3], `  // vigil-ignore-next-line ${TLS} -- TODO: reason`);
      await s.save(uri);
      assert.deepEqual((await s.diagnostics(uri, mark)).map((d) => d.range.start.line), [8, 11]);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
