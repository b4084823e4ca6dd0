import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO, runCli } from "../helpers/cli";
import { sarifErrors } from "../helpers/sarif";
import { ALL_RULES } from "../../rules";

const APP = path.join(REPO, "examples", "vulnerable-app");

test("scanning the sample app prints compiler-style findings and exits 1", async () => {
  const r = await runCli(["scan", "examples/vulnerable-app"], { cwd: REPO });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split("\n");
  const findingLine = /^examples\/vulnerable-app\/\S+:\d+:\d+ {2}(critical|high|medium|low|info) *\s{2}[\w-]+\/[\w-]+ {2}\S.*$/;
  assert.ok(lines.filter((l) => findingLine.test(l)).length >= 3, r.stdout);
  assert.match(lines.at(-1)!, /^\d+ findings \(.*high.*\), \d+ files scanned/);
  assert.ok(r.stdout.includes("src/config.js:14:57  high      js/tls-verification-disabled"), r.stdout);
  assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour when not a TTY");
});

test("SARIF output validates against the official 2.1.0 schema, and every result's rule has a CWE tag", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-sarif-"));
  try {
    const out = path.join(dir, "out.sarif");
    const r = await runCli(["scan", APP, "--format", "sarif", "--output", out], { cwd: REPO });
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse(readFileSync(out, "utf8"));
    assert.deepEqual(sarifErrors(sarif), []);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, "Vigil");
    assert.match(run.tool.driver.semanticVersion, /^\d+\.\d+\.\d+/);
    assert.ok(run.results.length >= 3);
    for (const result of run.results) {
      const rule = run.tool.driver.rules[result.ruleIndex];
      assert.equal(rule.id, result.ruleId);
      assert.ok(rule.properties.tags.includes("security"));
      assert.ok(rule.properties.tags.some((t: string) => /^external\/cwe\/cwe-\d+$/.test(t)), `${rule.id} has a CWE tag`);
      assert.match(rule.helpUri, /^https:\/\//);
      assert.match(rule.properties["security-severity"], /^\d+\.\d$/);
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, "SRCROOT");
      assert.ok(!path.isAbsolute(loc.artifactLocation.uri));
      assert.ok(result.partialFingerprints["vigil/v1"]);
    }
    const tls = run.results.find((r: { ruleId: string }) => r.ruleId === "js/tls-verification-disabled");
    assert.equal(tls.locations[0].physicalLocation.artifactLocation.uri, "examples/vulnerable-app/src/config.js");
    assert.equal(tls.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, "true");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("`vigil rules` lists every registered rule", async () => {
  const r = await runCli(["rules"], { cwd: REPO });
  assert.equal(r.code, 0, r.stderr);
  for (const rule of ALL_RULES) assert.match(r.stdout, new RegExp(`^${rule.id.replace(/[/.]/g, "\\$&")}\\s`, "m"));
  const json = JSON.parse((await runCli(["rules", "--format", "json"], { cwd: REPO })).stdout);
  assert.equal(json.length, ALL_RULES.length);
});

test("JSON output carries relative paths, fingerprints and a summary", async () => {
  const r = await runCli(["scan", "examples/vulnerable-app", "--format", "json"], { cwd: REPO });
  const report = JSON.parse(r.stdout);
  assert.ok(report.summary.findings >= 3);
  for (const f of report.findings) {
    assert.ok(!path.isAbsolute(f.path));
    assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  }
});

test("--fail-on decides the exit code", async () => {
  assert.equal((await runCli(["scan", APP, "--fail-on", "never"], { cwd: REPO })).code, 0);
  assert.equal((await runCli(["scan", APP, "--fail-on", "low"], { cwd: REPO })).code, 1);
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-failon-"));
  try {
    writeFileSync(path.join(dir, "a.js"), "const tls = require('tls');\ntls.connect({ rejectUnauthorized: false });\n");
    assert.equal((await runCli(["scan", dir, "--fail-on", "critical"])).code, 0, "a high finding does not fail a critical gate");
    assert.equal((await runCli(["scan", dir])).code, 1, "the default gate is high");
    writeFileSync(path.join(dir, "a.js"), "const ok = 1;\n");
    assert.equal((await runCli(["scan", dir])).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("usage errors exit 2 and say what is wrong", async () => {
  for (const args of [["scan", "--format", "xml"], ["scan", "--bogus"], ["frobnicate"], ["scan", "--fail-on"]]) {
    const r = await runCli(args, { cwd: REPO });
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, /^vigil: /);
  }
  const v = await runCli(["--version"]);
  assert.equal(v.code, 0);
  assert.equal(v.stdout.trim(), JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).version);
  const h = await runCli(["--help"]);
  assert.match(h.stdout, /Usage: vigil <command>/);
  for (const command of ["scan", "rules", "report", "deps", "db", "lsp"]) {
    const r = await runCli([command, "--help"]);
    assert.equal(r.code, 0, `${command} --help`);
    assert.match(r.stdout, new RegExp(`^vigil ${command}\\b`));
  }
});
