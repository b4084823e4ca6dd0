import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { parseThreatModel } from "../../server/src/engine/threatmodel/parse";
import type { ThreatModelContext } from "../../server/src/engine/threatmodel/scope";
import { scanProject } from "../../server/src/engine/scan";
import { failsGate, type ScanReport } from "../../server/src/engine/report/model";
import { toSarif } from "../../server/src/engine/report/sarif";
import { main } from "../../server/src/cli/main";
import { sarifErrors } from "../helpers/sarif";
import type { Finding } from "../../server/src/engine/finding";

const SHOP = path.join(__dirname, "fixtures", "shop");
const read = (rel: string) => readFileSync(path.join(SHOP, rel), "utf8");
const MODEL = parseThreatModel(read("threatmodel.yaml"), path.join(SHOP, "threatmodel.yaml")).model;
const context = (now: string, models = [MODEL]): { settings: typeof DEFAULT_SETTINGS; threatModels: ThreatModelContext } => ({
  settings: DEFAULT_SETTINGS,
  threatModels: { models, now: new Date(now) },
});
const analyse = (rel: string, now = "2026-11-01T00:00:00Z", models = [MODEL]) =>
  analyzeFile({ path: path.join(SHOP, rel), text: read(rel) }, context(now, models));
const byRule = (findings: Finding[], ruleId: string) => findings.find((f) => f.ruleId === ruleId)!;

test("a finding whose CWE a threat lists names the threat", () => {
  const f = byRule(analyse("src/tokens.js"), "js/insecure-randomness");
  assert.deepEqual(f.threat, { id: "T2", title: "Guessable session tokens", status: "open", model: MODEL.file });
  assert.match(f.message, /Threat T2 \("Guessable session tokens", open\)\.$/);
  assert.equal(f.severity, "medium", "an open threat does not change the severity");
});

test("a finding against a mitigated threat, or in a file claiming @mitigates, is raised and says the claim is contradicted", () => {
  const before = byRule(analyse("src/client.js", "2027-02-01T00:00:00Z", []), "js/tls-verification-disabled");
  const after = byRule(analyse("src/client.js", "2027-02-01T00:00:00Z"), "js/tls-verification-disabled");
  assert.equal(before.severity, "high");
  assert.equal(after.severity, "critical");
  assert.equal(after.threat?.contradicted, true);
  assert.match(after.message, /contradicts the mitigation claim for threat T1 .* @mitigates annotation: every upstream call verifies/);
  // Without the annotation, the model's own "mitigated" status is the claim.
  const text = read("src/client.js").replace(/^\/\/ @mitigates.*$/m, "");
  const plain = analyzeFile({ path: path.join(SHOP, "src/client.js"), text }, context("2027-02-01T00:00:00Z"));
  assert.match(byRule(plain, "js/tls-verification-disabled").message, /in the threat model: Certificates are verified/);
});

test("an accepted finding is suppressed with its reason until the acceptance expires, then comes back", () => {
  const live = byRule(analyse("src/client.js", "2026-12-31T23:00:00Z"), "js/tls-verification-disabled");
  assert.deepEqual(live.suppression, {
    kind: "accepted",
    justification: "The rates sandbox uses a self-signed certificate.",
    expires: "2026-12-31",
    approvedBy: "sam@shop.example",
  });
  const expired = byRule(analyse("src/client.js", "2027-01-01T00:00:00Z"), "js/tls-verification-disabled");
  assert.equal(expired.suppression, undefined);
  assert.match(expired.message, /Its risk acceptance expired on 2026-12-31\.$/);
  const flagged = analyse("threatmodel.yaml", "2027-01-01T00:00:00Z").filter((f) => f.ruleId === "threatmodel/expired-acceptance");
  assert.deepEqual(flagged.map((f) => f.range.start.line + 1), [40], "at the expires value");
});

test("SARIF carries an acceptance as an external, accepted suppression with its justification", () => {
  const findings = analyse("src/tokens.js");
  const report: ScanReport = { root: SHOP, findings, filesScanned: 1, toolVersion: "0.0.0", rulesRun: [] };
  const sarif = toSarif(report);
  assert.deepEqual(sarifErrors(sarif), [], "valid SARIF 2.1.0");
  const results = (sarif as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] }).runs[0]!.results;
  assert.deepEqual(results.find((r) => r.ruleId === "js/weak-password-hash")!.suppressions, [
    {
      kind: "external",
      status: "accepted",
      justification: "Only used to read hashes of accounts migrated before 2020.",
      properties: { expires: "2027-06-30", approvedBy: "dana@shop.example" },
    },
  ]);
});

test("a scan reports stale acceptances and annotations naming unknown threats", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-tm-"));
  try {
    cpSync(SHOP, dir, { recursive: true });
    writeFileSync(path.join(dir, "src", "extra.py"), "# @threat T9\nprint('hi')\n");
    const findings: Finding[] = [];
    for await (const r of scanProject([dir], { settings: DEFAULT_SETTINGS, now: new Date("2026-11-01T00:00:00Z") })) findings.push(...r.findings);
    const problems = findings.filter((f) => f.ruleId.startsWith("threatmodel/")).map((f) => `${path.relative(dir, f.path)}:${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepEqual(problems.sort(), ["src/extra.py:1 threatmodel/unknown-threat-reference", "threatmodel.yaml:42 threatmodel/stale-acceptance"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CI parity: --fail-on ignores accepted findings until they expire, and fails on an expired acceptance", async () => {
  const run = async (now: string, failOn: string) => {
    let out = "";
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    const code = await main(["scan", SHOP, "--fail-on", failOn], { stdout: sink, stderr: sink, cwd: SHOP, now: () => new Date(now) });
    return { code, out };
  };
  const before = await run("2026-11-01T00:00:00Z", "high");
  assert.equal(before.code, 0, before.out);
  assert.match(before.out, /2 suppressed/);
  const after = await run("2027-01-01T00:00:00Z", "critical");
  assert.equal(after.code, 1, after.out);
  assert.match(after.out, /critical\s+js\/tls-verification-disabled/);
  assert.match(after.out, /threatmodel\/expired-acceptance/);
  assert.equal(failsGate([], "critical"), false);
});

test("scanning a subfolder still applies the model above it, up to the repository root", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-tm-up-"));
  try {
    mkdirSync(path.join(dir, "repo", ".git"), { recursive: true });
    cpSync(SHOP, path.join(dir, "repo"), { recursive: true });
    writeFileSync(path.join(dir, "threatmodel.yaml"), "threats:\n  - id: X1\n    title: outside the repository\n    cwe: [CWE-338]\n    status: open\n");
    const findings: Finding[] = [];
    for await (const r of scanProject([path.join(dir, "repo", "src")], { settings: DEFAULT_SETTINGS, now: new Date("2026-11-01T00:00:00Z") })) findings.push(...r.findings);
    assert.equal(byRule(findings, "js/insecure-randomness").threat?.id, "T2");
    assert.equal(byRule(findings, "js/weak-password-hash").suppression?.kind, "accepted");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
