import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { parseThreatModel } from "../../server/src/engine/threatmodel/parse";
import { findAnnotations } from "../../server/src/engine/threatmodel/annotations";
import { modelFor } from "../../server/src/engine/threatmodel/scope";
import { daysLeft, isExpired, type ThreatModel } from "../../server/src/engine/threatmodel/model";
import { LineIndex } from "../../server/src/engine/text";

const where = (text: string) =>
  parseThreatModel(text, "/p/threatmodel.yaml").problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.ruleId.slice(12)} ${p.message}`);

test("schema problems point at the exact key or value", () => {
  const text = [
    "component: Orders", //          1
    "colour: blue", //               2
    "threats:", //                   3
    "  - id: T1", //                 4
    "    title: SQL injection", //   5
    "    stride: tampring", //       6
    "    cwe: [CWE-89, SQLI]", //    7
    "    status: done", //           8
  ].join("\n");
  assert.deepEqual(where(text), [
    '2:1 invalid-model Unknown key "colour".',
    '6:13 invalid-model "threats.0.stride" must be one of: spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege.',
    '7:19 invalid-model "threats.0.cwe.1" must be a CWE id such as CWE-89.',
    '8:13 invalid-model "threats.0.status" must be one of: open, mitigated, accepted, transferred.',
  ]);
});

test("duplicate ids, mitigated without mitigation, bad dates and dangling references", () => {
  const text = [
    "assets:",
    "  - id: db",
    "threats:",
    "  - id: T1",
    "    title: a",
    "    status: mitigated",
    "    assets: [db, dbb]",
    "  - id: T1",
    "    title: b",
    "    status: open",
    "accepted:",
    "  - rule: js/weak-cipher",
    "    fingerprint: 00ff00ff00ff",
    "    path: a.js",
    "    reason: partner",
    "    expires: 2026-02-30",
    "    threat: T9",
  ].join("\n");
  assert.deepEqual(where(text), [
    '6:13 invalid-model Threat T1 is marked mitigated but says no "mitigation": say how it is countered.',
    '16:14 invalid-model "2026-02-30" is not a calendar date.',
    '8:9 invalid-model Duplicate threat id "T1": ids must be unique within a model.',
    '7:18 unknown-threat-reference Threat T1 names asset "dbb", which this model does not define.',
    '17:13 unknown-threat-reference This acceptance names threat "T9", which this model does not define.',
  ]);
});

test("malformed YAML is one problem and an empty model; an empty file is a valid empty model", () => {
  const bad = parseThreatModel("threats:\n  - id: T1\n    title: [unclosed\n", "/p/threatmodel.yaml");
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0]!.message, /not valid YAML/);
  assert.deepEqual(bad.model.threats, []);
  assert.deepEqual(parseThreatModel("# nothing yet\n", "/p/threatmodel.yaml").problems, []);
});

test("annotations in the comments of many languages, with their positions", () => {
  const source = [
    "// @threat T1",
    "# @mitigates T2: inputs are bound as parameters",
    "/* @accepts T3: legacy partner */",
    " * @exposes customer-db to T4",
    "-- @threat T5",
    'const s = "@threat T6"; // a string is not a comment',
    "x = 1  # trailing @threat T7",
  ].join("\n");
  const found = findAnnotations(new LineIndex(source)).map((a) => [a.kind, a.threat, a.asset, a.note, a.threatRange.start.line, a.threatRange.start.character]);
  assert.deepEqual(found, [
    ["threat", "T1", undefined, undefined, 0, 11],
    ["mitigates", "T2", undefined, "inputs are bound as parameters", 1, 13],
    ["accepts", "T3", undefined, "legacy partner", 2, 12],
    ["exposes", "T4", "customer-db", undefined, 3, 27],
    ["threat", "T5", undefined, undefined, 4, 11],
    ["threat", "T7", undefined, undefined, 6, 26],
  ]);
});

test("the nearest model wins; a file outside every scope has none", () => {
  const model = (file: string): ThreatModel => ({ file, assets: [], threats: [], accepted: [] });
  const models = [model("/repo/threatmodel.yaml"), model("/repo/web/.threatmodel.yaml"), model("/repo/web/threatmodel.yaml")];
  assert.equal(modelFor(models, "/repo/api/x.js")?.file, "/repo/threatmodel.yaml");
  assert.equal(modelFor(models, "/repo/web/deep/x.js")?.file, "/repo/web/threatmodel.yaml", "threatmodel.yaml before .threatmodel.yaml in one folder");
  assert.equal(modelFor(models, path.join("/other", "x.js")), undefined);
  assert.equal(modelFor(models, "/repository/x.js"), undefined, "a folder name prefix is not a parent");
});

test("an acceptance holds through its expiry day (UTC)", () => {
  const a = { rule: "r/x", fingerprint: "ab", path: "a.js", reason: "r", expires: "2026-03-01", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  assert.equal(isExpired(a, new Date("2026-03-01T23:59:59Z")), false);
  assert.equal(isExpired(a, new Date("2026-03-02T00:00:00Z")), true);
  assert.equal(daysLeft(a, new Date("2026-02-27T12:00:00Z")), 2);
  assert.equal(isExpired({ ...a, expires: undefined }, new Date("2999-01-01")), false);
});
