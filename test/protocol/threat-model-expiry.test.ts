import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { ScanWorkspaceRequest } from "../../server/src/lsp/protocol";
import { fileUri } from "../../server/src/lsp/uri";
import type { LspSession } from "./lsp-session";
import { byRule, makeFolder, messageOf, RANDOMNESS, startSession, TOKENS_JS } from "./threat-model-session";

/** The fingerprint the engine gives the Math.random finding, as any client would have seen it. */
const FINGERPRINT = analyzeFile({ path: "/any/tokens.js", text: TOKENS_JS }, { settings: DEFAULT_SETTINGS }).find((f) => f.ruleId === RANDOMNESS)!.fingerprint;

const MODEL = `component: sessions
accepted:
  # Reviewed in the March security sync.
  - rule: ${RANDOMNESS}
    fingerprint: ${FINGERPRINT}
    path: tokens.js
    reason: Tokens of the demo build only.
    expires: 2026-12-31
    approvedBy: sam@example.com
  - rule: ${RANDOMNESS}
    fingerprint: deadbeefdeadbeefdeadbeefdeadbeef
    path: tokens.js
    reason: An older version of the code.
    expires: 2027-06-30
`;
const EXPIRES_LINE = 7;
const STALE_LINE = 9;

async function openBoth(s: LspSession, dir: string) {
  const codeUri = fileUri(path.join(dir, "tokens.js"));
  const modelUri = fileUri(path.join(dir, "threatmodel.yaml"));
  let mark = s.mark();
  await s.open(codeUri, TOKENS_JS, "javascript");
  const code = await s.diagnostics(codeUri, mark);
  mark = s.mark();
  await s.open(modelUri, MODEL, "yaml");
  const model = await s.diagnostics(modelUri, mark);
  return { code, model, codeUri, modelUri };
}

describe("threat model: acceptances judged by an injected clock", () => {
  const dirs: string[] = [];
  const sessions: LspSession[] = [];
  async function session(now: string, trusted = true) {
    const dir = makeFolder("tm-expiry", { "threatmodel.yaml": MODEL, "tokens.js": TOKENS_JS });
    dirs.push(dir);
    const s = await startSession(dir, { now, trusted });
    sessions.push(s);
    return { s, dir };
  }
  after(async () => {
    for (const s of sessions) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("on its last day the acceptance holds: no diagnostic for the finding; the acceptance of a vanished finding is stale", async () => {
    const { s, dir } = await session("2026-12-31T23:59:00Z");
    const { code, model } = await openBoth(s, dir);
    assert.equal(byRule(code, RANDOMNESS), undefined);
    assert.deepEqual(model.map((d) => [d.code, d.range.start.line]), [["threatmodel/stale-acceptance", STALE_LINE]]);
    assert.match(messageOf(model[0]), /No js\/insecure-randomness finding in tokens\.js has this fingerprint any more/);
  });

  test("the day after, the finding is back saying so and the model flags the expiry at its date", async () => {
    const { s, dir } = await session("2027-01-01T00:00:00Z");
    const { code, model } = await openBoth(s, dir);
    assert.match(messageOf(byRule(code, RANDOMNESS)), /Its risk acceptance expired on 2026-12-31\.$/);
    const expired = byRule(model, "threatmodel/expired-acceptance");
    assert.equal(expired?.range.start.line, EXPIRES_LINE);
    assert.match(messageOf(expired), /expired on 2026-12-31/);
  });

  test("saving code that no longer has the accepted finding makes its acceptance stale in the open model", async () => {
    const { s, dir } = await session("2026-06-01T00:00:00Z");
    const { codeUri, modelUri } = await openBoth(s, dir);
    const mark = s.mark();
    const line = TOKENS_JS.split("\n").findIndex((l) => l.includes("Math.random"));
    await s.edit(codeUri, [{ range: { start: { line, character: 9 }, end: { line, character: 22 } }, newText: 'require("node:crypto").randomUUID()' }]);
    await s.save(codeUri);
    const model = await s.diagnostics(modelUri, mark, (ds) => ds.length === 2);
    assert.deepEqual(model.map((d) => [d.code, d.range.start.line]), [["threatmodel/stale-acceptance", 3], ["threatmodel/stale-acceptance", STALE_LINE]]);
  });

  test("in an untrusted workspace an acceptance suppresses nothing: the repository cannot accept away its own findings", async () => {
    const { s, dir } = await session("2026-06-01T00:00:00Z", false);
    const { code } = await openBoth(s, dir);
    assert.ok(byRule(code, RANDOMNESS));
  });

  test("without open code, staleness is judged after a workspace scan has seen every file", async () => {
    const { s, dir } = await session("2026-06-01T00:00:00Z");
    const modelUri = fileUri(path.join(dir, "threatmodel.yaml"));
    let mark = s.mark();
    await s.open(modelUri, MODEL, "yaml");
    assert.deepEqual(await s.diagnostics(modelUri, mark), [], "not judged before the folder is scanned");
    mark = s.mark();
    const result = await s.conn.sendRequest(ScanWorkspaceRequest, {});
    assert.equal(result.counts.medium, 0, "the accepted finding is not counted");
    const model = await s.diagnostics(modelUri, mark, (ds) => ds.length > 0);
    assert.deepEqual(model.map((d) => [d.code, d.range.start.line]), [["threatmodel/stale-acceptance", STALE_LINE]]);
  });
});
