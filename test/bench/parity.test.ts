/**
 * Parity by location (bench/lib/parity.mjs): which of ESLint's eslint-plugin-security findings
 * Vigil reports, reports under another rule of the same CWE, or misses; and the anchors' diff.
 */
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const PARITY = pathToFileURL(path.join(__dirname, "..", "..", "bench", "lib", "parity.mjs")).href;

type Found = { file: string; line: number; rule: string; cwe?: string[] };
let parity: any;
before(async () => {
  parity = await import(PARITY);
});

const FS = "security/detect-non-literal-fs-filename";
const REGEXP = "security/detect-non-literal-regexp";
const OBJECT = "security/detect-object-injection";
const EVAL = "security/detect-eval-with-expression";
const catalogue = new Map([
  [FS, { enabledByDefault: true, cwe: ["CWE-22"] }],
  [REGEXP, { enabledByDefault: true, cwe: ["CWE-1333"] }],
  [OBJECT, { enabledByDefault: false, cwe: ["CWE-1321"] }],
  [EVAL, { enabledByDefault: false, cwe: ["CWE-95"] }],
  ["js/path-traversal", { enabledByDefault: true, cwe: ["CWE-22"] }],
]);
const vigilFinding = (file: string, line: number, rule: string): Found => ({ file, line, rule, cwe: catalogue.get(rule)?.cwe ?? [] });

describe("comparePluginFindings", () => {
  test("matches by file, line and rule, as many times as ESLint reports one", () => {
    const eslint: Found[] = [
      { file: "a.js", line: 3, rule: REGEXP },
      { file: "a.js", line: 3, rule: REGEXP },
      { file: "a.js", line: 9, rule: REGEXP },
      { file: "b.js", line: 3, rule: REGEXP },
    ];
    const vigil = [vigilFinding("a.js", 3, REGEXP), vigilFinding("a.js", 9, REGEXP), vigilFinding("c.js", 1, REGEXP)];
    const result = parity.comparePluginFindings({ pluginRules: [REGEXP], eslint, vigil, catalogue, calibratedOff: {} });
    assert.deepEqual(result.rows[0], {
      rule: REGEXP, plugin: 4, vigil: 3, otherRule: 0, otherRules: [], setUp: 0, missing: 2, firstMissing: ["a.js:3", "b.js:3"], vigilOnly: 1,
    });
    assert.equal(result.missing, 2);
    assert.equal(result.met, false);
  });

  test("a line Vigil reports under another rule of the same CWE is covered, not missing", () => {
    const eslint: Found[] = [{ file: "a.js", line: 4, rule: FS }, { file: "a.js", line: 5, rule: FS }];
    const vigil = [vigilFinding("a.js", 4, "js/path-traversal"), vigilFinding("a.js", 5, REGEXP)];
    const [row] = parity.comparePluginFindings({ pluginRules: [FS], eslint, vigil, catalogue, calibratedOff: {} }).rows;
    assert.deepEqual([row.otherRule, row.otherRules, row.missing, row.firstMissing], [1, ["js/path-traversal"], 1, ["a.js:5"]]);
  });

  test("a rule calibrated off is listed with its reason; off without a reason counts as missing", () => {
    const eslint: Found[] = [{ file: "a.js", line: 1, rule: OBJECT }, { file: "a.js", line: 2, rule: EVAL }];
    const result = parity.comparePluginFindings({
      pluginRules: [EVAL, OBJECT], eslint, vigil: [], catalogue, calibratedOff: { [OBJECT]: "too noisy" },
    });
    const [evalRow, objectRow] = result.rows;
    assert.deepEqual([objectRow.offBecause, objectRow.missing], ["too noisy", 0]);
    assert.deepEqual([evalRow.offBecause, evalRow.missing], [null, 1]);
    assert.equal(result.met, false);
  });
});

describe("findings the baseline's set-up alone makes", () => {
  test("the plugin with Node's CommonJS globals drops a path built on __dirname, not one built on input; only the rest count as missing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-parity-"));
    try {
      writeFileSync(
        path.join(dir, "a.test.ts"),
        ['import { readdirSync } from "fs";', 'import { join } from "path";', 'readdirSync(join(__dirname, "fixtures"));', "export const list = (p: string) => readdirSync(p);", ""].join("\n"),
      );
      const stillReports = parity.pluginWithCommonJsGlobals(dir);
      assert.equal(stillReports({ file: "a.test.ts", line: 3, rule: FS }), false);
      assert.equal(stillReports({ file: "a.test.ts", line: 4, rule: FS }), true);
      const eslint: Found[] = [{ file: "a.test.ts", line: 3, rule: FS }, { file: "a.test.ts", line: 4, rule: FS }];
      const result = parity.comparePluginFindings({ pluginRules: [FS], eslint, vigil: [], catalogue, calibratedOff: {}, pluginStillReports: stillReports });
      assert.deepEqual([result.rows[0].setUp, result.rows[0].missing, result.rows[0].firstMissing], [1, 1, ["a.test.ts:4"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("compareAnchors", () => {
  test("identical when each finding has its twin; otherwise says which side has which", () => {
    const one = (rule: string, line: number) => ({ file: "a.js", line, rule });
    const eslint = { findings: [one(FS, 1), one(REGEXP, 2)], parseErrors: [] };
    assert.equal(parity.compareAnchors(eslint, { findings: [one(REGEXP, 2), one(FS, 1)], parseErrors: [] }).identical, true);
    const diff = parity.compareAnchors(eslint, { findings: [one(FS, 1), one(FS, 7)], parseErrors: [{}] });
    assert.deepEqual(
      [diff.identical, diff.firstOnlyEslint, diff.firstOnlyOxlint, diff.parseErrors],
      [false, [`a.js:2 ${REGEXP}`], [`a.js:7 ${FS}`], { eslint: 0, oxlint: 1 }],
    );
  });
});
