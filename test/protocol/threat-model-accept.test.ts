import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { parseThreatModel } from "../../server/src/engine/threatmodel/parse";
import { ACCEPT_RISK_COMMAND, AcceptRiskEditRequest, type AcceptRiskArgs, type DiagnosticData } from "../../server/src/lsp/protocol";
import { fileUri } from "../../server/src/lsp/uri";
import type { LspSession } from "./lsp-session";
import { applyWorkspaceEdit, byRule, makeFolder, messageOf, MODEL_YAML, quickFixes, RANDOMNESS, saveToDisk, startSession, TLS, TOKENS_JS } from "./threat-model-session";

const NOW = "2026-03-01T10:00:00Z";

describe("threat model: Accept risk… through the client command", () => {
  let dir: string;
  let s: LspSession;
  before(async () => {
    dir = makeFolder("tm-accept", { "threatmodel.yaml": MODEL_YAML, "src/tokens.js": TOKENS_JS });
    s = await startSession(dir, { now: NOW, clientCommands: [ACCEPT_RISK_COMMAND] });
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the edit records the acceptance, keeps the comments, and the diagnostic disappears once the model is saved", async () => {
    const codeUri = fileUri(path.join(dir, "src", "tokens.js"));
    const modelUri = fileUri(path.join(dir, "threatmodel.yaml"));
    let mark = s.mark();
    await s.open(codeUri, TOKENS_JS, "javascript");
    const d = byRule(await s.diagnostics(codeUri, mark), RANDOMNESS)!;
    const action = (await quickFixes(s, codeUri, [d])).find((a) => a.title === `Accept risk of ${RANDOMNESS}…`);
    assert.ok(action?.command, "Accept risk… runs the client command");
    assert.equal(action.command.command, ACCEPT_RISK_COMMAND);
    const args = action.command.arguments![0] as AcceptRiskArgs;
    assert.deepEqual(args, { uri: codeUri, fingerprint: (d.data as DiagnosticData).fingerprint, ruleId: RANDOMNESS, defaultExpires: "2026-05-30" });

    // What the client does after asking: request the edit with the user's reason and expiry.
    const edit = await s.conn.sendRequest(AcceptRiskEditRequest, { uri: codeUri, fingerprint: args.fingerprint, reason: "Only  used\nfor test fixtures.", expires: args.defaultExpires });
    assert.ok(edit?.changes?.[modelUri], "an existing model is edited in place");
    await s.open(modelUri, MODEL_YAML, "yaml");
    await applyWorkspaceEdit(s, edit);
    const text = s.text(modelUri);
    assert.ok(text.startsWith(MODEL_YAML), "everything written before stays byte for byte, comments included");
    assert.equal(parseDocument(text).toString({ flowCollectionPadding: false }), text, "the YAML round-trips");
    const { model, problems } = parseThreatModel(text, path.join(dir, "threatmodel.yaml"));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      model.accepted.map(({ range: _r, expiresRange: _e, ...a }) => a),
      [{ rule: RANDOMNESS, fingerprint: args.fingerprint, path: "src/tokens.js", reason: "Only used for test fixtures.", expires: "2026-05-30", approvedBy: undefined, threat: "T1" }],
    );

    mark = s.mark();
    await saveToDisk(s, modelUri);
    const after = await s.diagnostics(codeUri, mark, (ds) => !byRule(ds, RANDOMNESS));
    assert.ok(byRule(after, TLS), "other findings stay");
    assert.equal(readFileSync(path.join(dir, "threatmodel.yaml"), "utf8"), text);
  });
});

describe("threat model: Accept risk… for a client without the command, and with no model yet", () => {
  let dir: string;
  let s: LspSession;
  before(async () => {
    dir = makeFolder("tm-accept-plain", { "api/tokens.js": TOKENS_JS });
    s = await startSession(dir, { now: NOW });
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the action carries the edit with a placeholder reason and the default expiry, creating threatmodel.yaml", async () => {
    const codeUri = fileUri(path.join(dir, "api", "tokens.js"));
    const modelUri = fileUri(path.join(dir, "api", "threatmodel.yaml"));
    let mark = s.mark();
    await s.open(codeUri, TOKENS_JS, "javascript");
    const d = byRule(await s.diagnostics(codeUri, mark), RANDOMNESS)!;
    const action = (await quickFixes(s, codeUri, [d])).find((a) => a.title.startsWith("Accept risk"));
    assert.equal(action?.title, `Accept risk of ${RANDOMNESS} until 2026-05-30 (reason: "TODO: reason")`);
    assert.equal(action.command, undefined);
    assert.deepEqual(action.edit!.documentChanges![0], { kind: "create", uri: modelUri, options: { ignoreIfExists: true } });
    await applyWorkspaceEdit(s, action.edit!);
    assert.equal(
      s.text(modelUri),
      `component: api\naccepted:\n  - rule: ${RANDOMNESS}\n    fingerprint: ${(d.data as DiagnosticData).fingerprint}\n    path: tokens.js\n    reason: "TODO: reason"\n    expires: 2026-05-30\n`,
    );
    mark = s.mark();
    await saveToDisk(s, modelUri);
    await s.diagnostics(codeUri, mark, (ds) => !byRule(ds, RANDOMNESS));
  });

  test('"Add a threat for CWE-295" writes an open threat into the nearest model; the finding then names it', async () => {
    const codeUri = fileUri(path.join(dir, "api", "tokens.js"));
    const modelUri = fileUri(path.join(dir, "api", "threatmodel.yaml"));
    const d = byRule(await s.diagnostics(codeUri, 0, (ds) => !byRule(ds, RANDOMNESS)), TLS)!;
    const actions = await quickFixes(s, codeUri, [d]);
    const add = actions.find((a) => a.title === "Add a threat for CWE-295 to the threat model");
    assert.ok(add?.edit?.changes?.[modelUri], `offered for a high finding with no threat: ${actions.map((a) => a.title).join(" | ")}`);
    const before = s.text(modelUri);
    await applyWorkspaceEdit(s, add.edit);
    const text = s.text(modelUri);
    assert.ok(text.startsWith(before));
    assert.equal(text.slice(before.length), "threats:\n  - id: T1\n    title: TLS certificate verification disabled\n    cwe: [CWE-295]\n    status: open\n");
    const mark = s.mark();
    await saveToDisk(s, modelUri);
    const linked = byRule(await s.diagnostics(codeUri, mark, (ds) => messageOf(byRule(ds, TLS)).includes("Threat T1")), TLS)!;
    assert.equal((linked.data as DiagnosticData).threat?.id, "T1");
    const again = await quickFixes(s, codeUri, [linked]);
    assert.ok(!again.some((a) => a.title.startsWith("Add a threat")), "not offered once a threat covers the CWE");
  });
});
