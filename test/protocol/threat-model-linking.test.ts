import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { AcceptRiskEditRequest, type DiagnosticData } from "../../server/src/lsp/protocol";
import { fileUri } from "../../server/src/lsp/uri";
import type { LspSession } from "./lsp-session";
import { byRule, makeFolder, messageOf, MODEL_YAML, quickFixes, RANDOMNESS, saveToDisk, startSession, TOKENS_JS } from "./threat-model-session";

describe("threat model: linking, contradiction, malformed model", () => {
  let dir: string;
  let s: LspSession;
  let codeUri: string;
  let modelUri: string;
  before(async () => {
    dir = makeFolder("tm-link", { "threatmodel.yaml": MODEL_YAML, "src/tokens.js": TOKENS_JS });
    codeUri = fileUri(path.join(dir, "src", "tokens.js"));
    modelUri = fileUri(path.join(dir, "threatmodel.yaml"));
    s = await startSession(dir, {});
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a finding whose CWE a threat lists names it in its message and carries it in data", async () => {
    const mark = s.mark();
    await s.open(codeUri, TOKENS_JS, "javascript");
    const d = byRule(await s.diagnostics(codeUri, mark), RANDOMNESS)!;
    assert.match(messageOf(d), /Threat T1 \("Guessable session tokens", open\)\.$/);
    assert.equal(d.severity, DiagnosticSeverity.Warning, "an open threat leaves the severity alone");
    const threat = (d.data as DiagnosticData).threat;
    assert.deepEqual(threat, { id: "T1", title: "Guessable session tokens", status: "open", model: path.join(dir, "threatmodel.yaml") });
  });

  test("marking the threat mitigated in the open model raises the finding and says the claim is contradicted", async () => {
    let mark = s.mark();
    await s.open(modelUri, MODEL_YAML, "yaml");
    assert.deepEqual(await s.diagnostics(modelUri, mark), [], "a valid model has no problems");
    mark = s.mark();
    const statusLine = MODEL_YAML.split("\n").findIndex((l) => l.includes("status: open"));
    await s.edit(modelUri, [
      { range: { start: { line: statusLine, character: 4 }, end: { line: statusLine, character: 16 } }, newText: "status: mitigated\n    mitigation: Tokens come from crypto.randomBytes" },
    ]);
    await saveToDisk(s, modelUri);
    const d = byRule(await s.diagnostics(codeUri, mark, (ds) => messageOf(byRule(ds, RANDOMNESS)).includes("contradicts")), RANDOMNESS)!;
    assert.equal(d.severity, DiagnosticSeverity.Error, "medium raised to high");
    assert.match(messageOf(d), /contradicts the mitigation claim for threat T1 \("Guessable session tokens"\) in the threat model: Tokens come from crypto\.randomBytes\.$/);
    assert.equal((d.data as DiagnosticData).threat?.contradicted, true);
  });

  test("malformed YAML: one diagnostic on the model, its text untouched, and no edit is offered that could lose it", async () => {
    const before = s.text(modelUri);
    let mark = s.mark();
    await s.edit(modelUri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: "  broken: [unclosed\n" }]);
    await saveToDisk(s, modelUri);
    const problems = await s.diagnostics(modelUri, mark, (ds) => ds.length > 0);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, "threatmodel/invalid-model");
    assert.match(messageOf(problems[0]), /not valid YAML/);
    // The code file is judged without the broken model: no threat is named.
    const plain = byRule(await s.diagnostics(codeUri, mark, (ds) => !messageOf(byRule(ds, RANDOMNESS)).includes("Threat")), RANDOMNESS)!;
    assert.equal(plain.severity, DiagnosticSeverity.Warning);

    const fingerprint = (plain.data as DiagnosticData).fingerprint;
    await assert.rejects(s.conn.sendRequest(AcceptRiskEditRequest, { uri: codeUri, fingerprint, reason: "r" }), /does not parse.*fix it first/);
    const titles = (await quickFixes(s, codeUri, [plain])).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith("Accept risk")), `no accept-risk edit on a broken model: ${titles.join(" | ")}`);
    assert.equal(s.text(modelUri), before.replace("threats:\n", "  broken: [unclosed\nthreats:\n"));

    // Fixing the file brings the link back.
    mark = s.mark();
    await s.edit(modelUri, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: "" }]);
    await saveToDisk(s, modelUri);
    assert.deepEqual(await s.diagnostics(modelUri, mark, (ds) => ds.length === 0), []);
    await s.diagnostics(codeUri, mark, (ds) => messageOf(byRule(ds, RANDOMNESS)).includes("T1"));
  });
});
