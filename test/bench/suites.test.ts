/**
 * The benchmark harness on a tiny synthetic corpus: the suite runner, the whole-process
 * measurement, the throughput suite with its parity table and the re-scan suite. Figures are not
 * judged, only that the machinery measures and counts what it claims to.
 */
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.join(__dirname, "..", "..");
const RUN = path.join(ROOT, "bench", "run.mjs");

const CORPUS: Record<string, string> = {
  // No request data flows anywhere: the counts stay those of eslint-plugin-security's own checks.
  "src/server.js": `const fs = require("fs");
const { exec } = require("child_process");

function run(command, done) {
  exec(command, done);
}

function load(file, done) {
  fs.readFile(file, done);
}

module.exports = { run, load, read: (p) => fs.readFileSync(p) };
`,
  "src/util.ts": `export function matcher(pattern: string): RegExp {
  return new RegExp(pattern);
}

export const table: Record<string, number> = {};
export function lookup(key: string): number | undefined {
  return table[key];
}
`,
  "src/broken.js": `function broken( {
  return 1;
`,
  "node_modules/dep/index.js": `require("child_process").exec(process.argv[2]);\n`,
};

type Timing = { files: number; samples: unknown[]; wallMs: number; cpuMs: number; peakRssKb: number };
type ParityRow = { rule: string; plugin: number; vigil: number; missing: number; offBecause?: string };

let work: string;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), "vigil-bench-test-"));
  for (const [file, text] of Object.entries(CORPUS)) {
    mkdirSync(path.dirname(path.join(work, "corpus", file)), { recursive: true });
    writeFileSync(path.join(work, "corpus", file), text);
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

describe("bench/run.mjs throughput", () => {
  test("measures Vigil and both anchors over the same files and compares their findings by location", () => {
    const json = path.join(work, "result.json");
    const r = spawnSync(
      process.execPath,
      [RUN, "throughput", "--corpus", path.join(work, "corpus"), "--runs", "1", "--json", json],
      { encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Vigil\/oxlint: wall \d+\.\d\dx, CPU \d+\.\d\dx/);
    assert.match(r.stdout, /Vigil\/ESLint: wall \d+\.\d\dx, CPU \d+\.\d\dx/);
    assert.match(r.stdout, /oxlint against ESLint: 5 and 5 plugin findings, identical; parse errors ESLint 1, oxlint 1/);
    assert.match(r.stdout, /== acceptance[^\n]*\n(met|NOT MET) +cold full scan, Vigil: wall and CPU at most oxlint's/);

    const { throughput } = JSON.parse(readFileSync(json, "utf8"));
    assert.deepEqual(
      { files: throughput.corpus.files, lines: throughput.corpus.lines },
      { files: 3, lines: 22 },
      "files under node_modules are not counted",
    );
    for (const [tool, t] of Object.entries(throughput.timing) as [string, Timing][]) {
      assert.equal(t.files, 3, `${tool} scans the same three files`);
      assert.equal(t.samples.length, 1);
      assert.ok(t.wallMs > 0 && t.cpuMs > 0, `${tool} timed`);
      assert.ok(t.peakRssKb > 20 * 1024, `${tool} peak RSS is a Node process's, got ${t.peakRssKb} KB`);
    }
    assert.ok(["Vigil", "oxlint", "ESLint"].every((tool) => tool in throughput.timing));
    assert.ok(throughput.ratios.Vigil.oxlint.wall > 0 && throughput.ratios.Vigil.ESLint.cpu > 0);

    const rows = Object.fromEntries(
      throughput.parity.plugin.rows.map((row: ParityRow) => [row.rule, [row.plugin, row.vigil, row.missing, !!row.offBecause]]),
    );
    assert.equal(Object.keys(rows).length, 15, "every rule of the plugin's recommended config has a row");
    assert.deepEqual(
      [rows["security/detect-child-process"], rows["security/detect-non-literal-fs-filename"], rows["security/detect-non-literal-regexp"]],
      [[1, 1, 0, false], [2, 2, 0, false], [1, 1, 0, false]],
    );
    assert.deepEqual(rows["security/detect-object-injection"], [1, 0, 0, true], "calibrated off, with its reason");
    assert.equal(throughput.parity.plugin.missing, 0);
    assert.equal(throughput.parity.anchors.identical, true);
    for (const [variant, same] of Object.entries(throughput.parity.variants)) assert.equal(same, true, `${variant} reports what Vigil does`);

    const vigils = Object.keys(throughput.timing).filter((tool) => tool.startsWith("Vigil"));
    const criteria = throughput.acceptance.map((c: { criterion: string; met: unknown }) => [c.criterion.replace(/ \(judged.*/, ""), typeof c.met]);
    assert.deepEqual(criteria, [
      ...vigils.flatMap((tool) => [
        [`cold full scan, ${tool}: wall and CPU at most oxlint's`, "boolean"],
        [`peak RSS of a full scan, ${tool}: under 1 GB`, "boolean"],
      ]),
      ["parity: every eslint-plugin-security finding of ESLint reported by Vigil", "boolean"],
    ]);
  });

  test("rejects an unknown suite with the list of suites", () => {
    const r = spawnSync(process.execPath, [RUN, "no-such-suite"], { encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown suite no-such-suite/);
    assert.match(r.stderr, /throughput/);
  });
});

describe("bench/run.mjs rescan", () => {
  test("times a re-scan after one changed file for both tools and leaves the corpus as it was", () => {
    const json = path.join(work, "rescan.json");
    const corpus = path.join(work, "corpus");
    const before = readFileSync(path.join(corpus, "src", "util.ts"), "utf8");
    const r = spawnSync(process.execPath, [RUN, "rescan", "--corpus", corpus, "--runs", "2", "--json", json], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /the file changed: src\/util\.ts \(8 lines\)/, "the median file by line count");
    assert.match(r.stdout, /== acceptance[^\n]*\n(met|NOT MET|not measured) +re-scan after changing one file: under 1 s/);
    assert.equal(readFileSync(path.join(corpus, "src", "util.ts"), "utf8"), before);

    const { rescan } = JSON.parse(readFileSync(json, "utf8"));
    const tools = Object.keys(rescan.timing);
    const vigilMeasured = tools.includes("Vigil");
    assert.deepEqual(tools, vigilMeasured ? ["Vigil", "ESLint"] : ["ESLint"]);
    for (const tool of tools) {
      const t = rescan.timing[tool];
      assert.equal(t.cold.samples.length, 1);
      assert.equal(t.rescan.samples.length, 2);
      assert.ok(t.rescan.wallMs > 0 && t.rescan.cpuMs > 0, `${tool} timed`);
      assert.equal(rescan.sameFindingsAsCold[tool], true, `${tool} finds after a comment line what it found cold`);
    }
    const [criterion] = rescan.acceptance;
    assert.equal(criterion.met === null, !vigilMeasured, "not measured exactly when vigil scan has no --cache");
  });
});

describe("bench/lib/measure.mjs", () => {
  test("reports the child's own CPU and peak RSS, and its exit code", async () => {
    const script = path.join(work, "burn.js");
    // 96 MB made resident, then at least 300 ms of CPU however loaded the machine is.
    writeFileSync(
      script,
      `const held = Buffer.alloc(96 * 1024 * 1024, 1);
const start = process.cpuUsage();
while (true) { const u = process.cpuUsage(start); if (u.user + u.system >= 300_000) break; }
process.exitCode = held[0] + 2;
`,
    );
    const measure = await import(pathToFileURL(path.join(ROOT, "bench", "lib", "measure.mjs")).href);
    const m = await measure.measureNode(script, [], { cwd: work });
    assert.equal(m.exitCode, 3);
    assert.ok(m.cpuMs >= 300, `CPU ${m.cpuMs} ms`);
    assert.ok(m.wallMs > 0);
    assert.ok(m.peakRssKb >= 96 * 1024, `peak RSS ${m.peakRssKb} KB`);
    if (m.treeCpuMs !== null) assert.ok(m.treeCpuMs >= m.cpuMs - 30, `whole-tree CPU ${m.treeCpuMs} ms`);
    assert.equal(measure.median([5, 1, 3]), 3);
    assert.equal(measure.median([4, 1, 3, 2]), 2.5);
  });
});
