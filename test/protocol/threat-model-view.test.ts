import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { VERSION } from "../../server/src/engine/version";
import { ScanWorkspaceRequest, SecurityReportRequest, ThreatModelRequest } from "../../server/src/lsp/protocol";
import { fileUri } from "../../server/src/lsp/uri";
import { NOW, report, SHOP } from "../threatmodel/report-helper";
import type { LspSession } from "./lsp-session";
import { startSession } from "./threat-model-session";

describe("threat model: tree view data and the security report", () => {
  let s: LspSession;
  before(async () => {
    s = await startSession(SHOP, { now: NOW.toISOString() });
  });
  after(async () => {
    await s.stop();
  });

  test("vigil/threatModel: threats with status and linked findings, acceptances with days left; complete after a scan", async () => {
    const before = await s.conn.sendRequest(ThreatModelRequest, { folder: fileUri(SHOP) });
    assert.equal(before.complete, false);
    assert.deepEqual(before.models[0]!.threats.map((t) => t.findings.length), [0, 0, 0], "nothing analysed yet");

    await s.conn.sendRequest(ScanWorkspaceRequest, {});
    const view = await s.conn.sendRequest(ThreatModelRequest, {});
    assert.equal(view.complete, true);
    assert.equal(view.root, SHOP);
    const [model] = view.models;
    assert.equal(model!.component, "Fixture shop");
    assert.deepEqual(
      model!.threats.map((t) => [t.id, t.status, t.contradicted, t.findings.map((f) => `${f.ruleId} ${f.location}`)]),
      [
        ["T1", "mitigated", true, ["js/tls-verification-disabled src/client.js:5"]],
        ["T2", "open", false, ["js/insecure-randomness src/tokens.js:5"]],
        ["T3", "accepted", false, []],
      ],
    );
    assert.deepEqual(
      model!.acceptances.map((a) => [a.rule, a.state, a.daysLeft]),
      [
        ["js/weak-password-hash", "active", 149],
        ["js/tls-verification-disabled", "expired", -32],
        ["js/weak-cipher", "stale", 333],
      ],
    );
  });

  for (const format of ["md", "html"] as const) {
    test(`vigil/securityReport (${format}) is what \`vigil report --format ${format}\` writes`, async () => {
      const { text } = await s.conn.sendRequest(SecurityReportRequest, { folder: fileUri(SHOP), format });
      const normalised = text.split(SHOP).join("{root}").split(`Vigil ${VERSION}`).join("Vigil {version}");
      assert.equal(normalised, await report(format));
    });
  }

  test("a folder that is not open is refused", async () => {
    await assert.rejects(s.conn.sendRequest(ThreatModelRequest, { folder: fileUri(path.dirname(SHOP)) }), /not a workspace folder/);
  });
});
