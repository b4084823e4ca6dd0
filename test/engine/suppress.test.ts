/**
 * Inline suppressions: how `vigil-ignore-*` comments are read (findSuppressions), how they mark
 * findings (applySuppressions), and what analyzeFile does with them end to end.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { applySuppressions, findSuppressions, type Suppression } from "../../server/src/engine/suppress";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { LineIndex } from "../../server/src/engine/text";
import type { Finding } from "../../server/src/engine/finding";

const TLS = "js/tls-verification-disabled";
const NEW_BUFFER = "security/detect-new-buffer";
const NO_REASON = "vigil/suppression-without-reason";
const settings = DEFAULT_SETTINGS;

function suppressionsIn(text: string): Suppression[] {
  return findSuppressions(new LineIndex(text));
}

function analyze(lines: string[]): Finding[] {
  return analyzeFile({ path: "/project/src/client.js", text: lines.join("\n") + "\n" }, { settings });
}

/** rule id, 1-based line, and the justification when suppressed. */
function summary(findings: Finding[]): [string, number, string | null][] {
  return findings.map((f) => [f.ruleId, f.range.start.line + 1, f.suppression ? f.suppression.justification : null]);
}

function finding(ruleId: string, line: number): Finding {
  return {
    ruleId,
    severity: "high",
    confidence: "high",
    message: "m",
    path: "a.js",
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
    cwe: [],
    owasp: [],
    fingerprint: `${ruleId}:${line}`,
    fixes: [],
  };
}

// --- findSuppressions -------------------------------------------------------------------------

test("no directive, no suppressions", () => {
  assert.deepEqual(suppressionsIn("const a = 1; // eslint-disable-line\n"), []);
  assert.deepEqual(suppressionsIn(""), []);
});

test("vigil-ignore-next-line targets the following line and reads ids and reason", () => {
  const text = ["const a = 1;", `  // vigil-ignore-next-line ${TLS} -- local test server`, "x();"].join("\n");
  const [s, ...rest] = suppressionsIn(text);
  assert.deepEqual(rest, []);
  assert.deepEqual(s, {
    line: 1,
    character: 2,
    target: 2,
    ruleIds: [TLS],
    reason: "local test server",
    length: `// vigil-ignore-next-line ${TLS} -- local test server`.length,
  });
});

test("vigil-ignore-line targets its own line", () => {
  const [s] = suppressionsIn(`\n\nconst agent = make(); // vigil-ignore-line ${TLS} -- pinned CA below\n`);
  assert.equal(s!.line, 2);
  assert.equal(s!.target, 2);
  assert.equal(s!.character, "const agent = make(); ".length);
  assert.deepEqual(s!.ruleIds, [TLS]);
  assert.equal(s!.reason, "pinned CA below");
});

test("# comments work the same, in a Python-like file", () => {
  const text = [
    "import requests",
    "# vigil-ignore-next-line py/tls-verification-disabled -- internal mirror, CA not installed yet",
    'requests.get(url, verify=False)',
    'token = "abc"  # vigil-ignore-line secrets/generic-token -- documented demo value',
  ].join("\n");
  const found = suppressionsIn(text).map((s) => [s.line, s.target, s.ruleIds, s.reason]);
  assert.deepEqual(found, [
    [1, 2, ["py/tls-verification-disabled"], "internal mirror, CA not installed yet"],
    [3, 3, ["secrets/generic-token"], "documented demo value"],
  ]);
});

test("several rule ids, separated by commas and/or spaces", () => {
  const [a, b] = suppressionsIn(
    [`// vigil-ignore-next-line ${TLS}, ${NEW_BUFFER} -- legacy client`, `// vigil-ignore-line ${TLS} ${NEW_BUFFER} -- same`].join("\n"),
  );
  assert.deepEqual(a!.ruleIds, [TLS, NEW_BUFFER]);
  assert.deepEqual(b!.ruleIds, [TLS, NEW_BUFFER]);
});

test("no rule id means every rule", () => {
  const [s] = suppressionsIn("// vigil-ignore-next-line -- generated fixture\n");
  assert.equal(s!.ruleIds, "all");
  assert.equal(s!.reason, "generated fixture");
});

test("a missing or empty reason is read as an empty reason", () => {
  const reasons = suppressionsIn(
    [`// vigil-ignore-next-line ${TLS}`, `// vigil-ignore-next-line ${TLS} --`, `// vigil-ignore-next-line ${TLS} --   `].join("\n"),
  ).map((s) => [s.ruleIds, s.reason]);
  assert.deepEqual(reasons, [
    [[TLS], ""],
    [[TLS], ""],
    [[TLS], ""],
  ]);
});

test("block and markup comment closers are not part of the ids or the reason", () => {
  const found = suppressionsIn(
    [`/* vigil-ignore-next-line ${TLS} -- test only */`, `<!-- vigil-ignore-line html/inline-script -- vetted snippet -->`, `/* vigil-ignore-line ${TLS} */`].join("\n"),
  ).map((s) => [s.ruleIds, s.reason]);
  assert.deepEqual(found, [
    [[TLS], "test only"],
    [["html/inline-script"], "vetted snippet"],
    [[TLS], ""],
  ]);
});

// --- applySuppressions ------------------------------------------------------------------------

test("applySuppressions marks only findings of the named rule on the target line", () => {
  const suppressions: Suppression[] = [
    { line: 0, character: 0, target: 1, ruleIds: [TLS], reason: "why", length: 10 },
    { line: 5, character: 0, target: 5, ruleIds: "all", reason: "everything here", length: 10 },
  ];
  const out = applySuppressions([finding(TLS, 1), finding(NEW_BUFFER, 1), finding(TLS, 2), finding(NEW_BUFFER, 5)], suppressions);
  assert.deepEqual(
    out.map((f) => [f.ruleId, f.range.start.line, f.suppression ?? null]),
    [
      [TLS, 1, { kind: "inline", justification: "why" }],
      [NEW_BUFFER, 1, null],
      [TLS, 2, null],
      [NEW_BUFFER, 5, { kind: "inline", justification: "everything here" }],
    ],
  );
});

test("applySuppressions with no suppressions returns the findings unchanged", () => {
  const findings = [finding(TLS, 0)];
  assert.deepEqual(applySuppressions(findings, []), findings);
});

// --- analyzeFile ------------------------------------------------------------------------------

test("without a comment the finding is reported and not suppressed", () => {
  assert.deepEqual(summary(analyze(["const agent = new https.Agent({ rejectUnauthorized: false });"])), [[TLS, 1, null]]);
});

test("next-line suppression keeps the finding, marked with its justification", () => {
  const findings = analyze([
    `// vigil-ignore-next-line ${TLS} -- local test server with a self-signed certificate`,
    "const agent = new https.Agent({ rejectUnauthorized: false });",
  ]);
  assert.deepEqual(summary(findings), [[TLS, 2, "local test server with a self-signed certificate"]]);
  assert.deepEqual(findings[0]!.suppression, { kind: "inline", justification: "local test server with a self-signed certificate" });
});

test("same-line suppression", () => {
  const findings = analyze([`const agent = new https.Agent({ rejectUnauthorized: false }); // vigil-ignore-line ${TLS} -- test only`]);
  assert.deepEqual(summary(findings), [[TLS, 1, "test only"]]);
});

test("a suppression silences only its target line and its rules", () => {
  const findings = analyze([
    `// vigil-ignore-next-line ${NEW_BUFFER} -- wrong rule named`,
    "const a = new https.Agent({ rejectUnauthorized: false });",
    `// vigil-ignore-next-line ${TLS} -- too far above`,
    "",
    "const b = new https.Agent({ rejectUnauthorized: false });",
  ]);
  assert.deepEqual(summary(findings), [
    [TLS, 2, null],
    [TLS, 5, null],
  ]);
});

test("several rule ids silence each of them, and only them", () => {
  const line = "const agent = new https.Agent({ rejectUnauthorized: false, ca: new Buffer(caText) });";
  assert.deepEqual(summary(analyze([line])).map(([id]) => id), [TLS, NEW_BUFFER]);
  assert.deepEqual(summary(analyze([`// vigil-ignore-next-line ${TLS}, ${NEW_BUFFER} -- legacy client, removed in 2.0`, line])), [
    [TLS, 2, "legacy client, removed in 2.0"],
    [NEW_BUFFER, 2, "legacy client, removed in 2.0"],
  ]);
  assert.deepEqual(summary(analyze([`// vigil-ignore-next-line ${NEW_BUFFER} -- caText is a PEM string`, line])), [
    [TLS, 2, null],
    [NEW_BUFFER, 2, "caText is a PEM string"],
  ]);
});

test("no rule id silences every rule on the line", () => {
  const findings = analyze([
    "// vigil-ignore-next-line -- vendored legacy client",
    "const agent = new https.Agent({ rejectUnauthorized: false, ca: new Buffer(caText) });",
  ]);
  assert.deepEqual(summary(findings), [
    [TLS, 2, "vendored legacy client"],
    [NEW_BUFFER, 2, "vendored legacy client"],
  ]);
});

test("a suppression without a reason silences nothing and is reported", () => {
  const findings = analyze([
    "const https = require('https');",
    `  // vigil-ignore-next-line ${TLS}`,
    "const agent = new https.Agent({ rejectUnauthorized: false });",
    `const other = new https.Agent({ rejectUnauthorized: false }); // vigil-ignore-line ${TLS} --`,
  ]);
  assert.deepEqual(summary(findings), [
    [NO_REASON, 2, null],
    [TLS, 3, null],
    [TLS, 4, null],
    [NO_REASON, 4, null],
  ]);
  const notice = findings.find((f) => f.ruleId === NO_REASON)!;
  assert.deepEqual(notice.range, {
    start: { line: 1, character: 2 },
    end: { line: 1, character: 2 + `// vigil-ignore-next-line ${TLS}`.length },
  });
  assert.equal(notice.severity, "low");
});

test("ESLint disable comments do not silence Vigil", () => {
  const findings = analyze([
    `// eslint-disable-next-line ${TLS}`,
    "const a = new https.Agent({ rejectUnauthorized: false });",
    "// eslint-disable-next-line",
    "const b = new https.Agent({ rejectUnauthorized: false });",
    "const c = new https.Agent({ rejectUnauthorized: false }); // eslint-disable-line",
    "/* eslint-disable */",
    "const d = new Buffer(size);",
  ]);
  assert.deepEqual(summary(findings), [
    [TLS, 2, null],
    [TLS, 4, null],
    [TLS, 5, null],
    [NEW_BUFFER, 7, null],
  ]);
});
