import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { applyOffsetEdits, LineIndex } from "../../server/src/engine/text";
import type { TextEdit } from "../../server/src/engine/finding";
import { ruleById } from "../../server/src/engine/rule-selection";
import { parseThreatModel } from "../../server/src/engine/threatmodel/parse";
import {
  acceptanceForFinding,
  addAcceptanceEdits,
  addThreatEdits,
  defaultExpiry,
  offersAddThreat,
  threatForFinding,
  ThreatModelEditError,
} from "../../server/src/engine/threatmodel/edits";

const apply = (text: string, edits: TextEdit[]) => {
  const lines = new LineIndex(text);
  return applyOffsetEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
};

const MODEL_TEXT = `# Orders service threat model.
component: Orders   # owned by the orders team

threats:
    # Injection first: it is what the pen test found.
    -   id: T1
        title: SQL injection
        cwe: [CWE-89]
        status: open

accepted: []   # nothing accepted yet
# end of model
`;

test("accept risk: the entry is added, every comment and all other text stay, and the finding is then suppressed", () => {
  const dir = "/srv/orders";
  const code = "const key = require('crypto').createHash('md5').update(password).digest('hex');\n";
  const file = path.join(dir, "src", "hash.js");
  const context = { settings: DEFAULT_SETTINGS };
  const finding = analyzeFile({ path: file, text: code }, context).find((f) => f.ruleId === "js/weak-password-hash")!;
  const now = new Date("2026-01-15T10:00:00Z");
  const acceptance = acceptanceForFinding(finding, path.join(dir, "threatmodel.yaml"), {
    reason: "Hashes are only compared: migration #42 replaces them",
    expires: defaultExpiry(now),
    approvedBy: "dana",
  });
  assert.equal(acceptance.expires, "2026-04-15", "90 days by default");
  const after = apply(MODEL_TEXT, addAcceptanceEdits(MODEL_TEXT, acceptance));
  assert.equal(
    after,
    MODEL_TEXT.replace(
      "accepted: []",
      `accepted:\n  - rule: js/weak-password-hash\n    fingerprint: ${finding.fingerprint}\n    path: src/hash.js\n    reason: "Hashes are only compared: migration #42 replaces them"\n    expires: 2026-04-15\n    approvedBy: dana`,
    ),
  );
  const { model, problems } = parseThreatModel(after, path.join(dir, "threatmodel.yaml"));
  assert.deepEqual(problems, []);
  const again = analyzeFile({ path: file, text: code }, { ...context, threatModels: { models: [model], now } });
  assert.equal(again.find((f) => f.ruleId === "js/weak-password-hash")!.suppression?.kind, "accepted");
});

test("add a threat: appended to the list with the list's own indentation, next free id", () => {
  const { model } = parseThreatModel(MODEL_TEXT, "/srv/orders/threatmodel.yaml");
  const threat = threatForFinding({ ruleId: "js/weak-password-hash", cwe: ["CWE-916", "CWE-328"] }, model);
  assert.equal(threat.id, "T2");
  const after = apply(MODEL_TEXT, addThreatEdits(MODEL_TEXT, threat));
  assert.equal(
    after,
    MODEL_TEXT.replace(
      "        status: open\n",
      `        status: open\n    - id: T2\n      title: ${ruleById("js/weak-password-hash")!.title}\n      cwe: [CWE-916, CWE-328]\n      status: open\n`,
    ),
  );
  assert.deepEqual(parseThreatModel(after, "/srv/orders/threatmodel.yaml").model.threats.map((t) => t.id), ["T1", "T2"]);
});

test("a missing model file is created whole; a model without the key gets it at the end", () => {
  const threat = { id: "T1", title: "Weak password hashing", cwe: ["CWE-916"], status: "open" as const };
  const [create] = addThreatEdits(undefined, threat, "Orders");
  assert.deepEqual(create!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(create!.newText, "component: Orders\nthreats:\n  - id: T1\n    title: Weak password hashing\n    cwe: [CWE-916]\n    status: open\n");
  const noNewline = "component: Orders";
  assert.equal(apply(noNewline, addThreatEdits(noNewline, threat)), `${noNewline}\n${create!.newText.split("\n").slice(1).join("\n")}`);
});

test("malformed YAML is never rewritten", () => {
  assert.throws(() => addThreatEdits("threats: [\n", { id: "T1", title: "x", cwe: [], status: "open" }), ThreatModelEditError);
});

test('"Add a threat" is offered for high and critical findings that no threat covers', () => {
  const f = { ruleId: "js/tls-verification-disabled", cwe: ["CWE-295"], severity: "high" as const };
  assert.equal(offersAddThreat(f), true);
  assert.equal(offersAddThreat({ ...f, severity: "medium" }), false);
  assert.equal(offersAddThreat({ ...f, threat: { id: "T1", title: "t", status: "open", model: "/m" } }), false);
});
