/**
 * The benchmark harness on a tiny synthetic corpus: the suite runner, the whole-process
 * measurement and the throughput suite's parity table. Figures are not judged, only that the
 * machinery measures and counts what it claims to.
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
  test("measures both tools over the same files and counts their findings per rule", () => {
    const json = path.join(work, "result.json");
    const r = spawnSync(
      process.execPath,
      [RUN, "throughput", "--corpus", path.join(work, "corpus"), "--runs", "1", "--json", json],
      { encoding: "utf8", timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Vigil\/ESLint: wall \d+\.\d\dx, CPU \d+\.\d\dx/);

    const { throughput } = JSON.parse(readFileSync(json, "utf8"));
    assert.deepEqual(
      { files: throughput.corpus.files, lines: throughput.corpus.lines },
      { files: 3, lines: 22 },
      "files under node_modules are not counted",
    );
    for (const tool of ["Vigil", "ESLint"]) {
      const t = throughput.timing[tool];
      assert.equal(t.files, 3, `${tool} scans the same three files`);
      assert.equal(t.samples.length, 1);
      assert.ok(t.wallMs > 0 && t.cpuMs > 0, `${tool} timed`);
      assert.ok(t.peakRssKb > 20 * 1024, `${tool} peak RSS is a Node process's, got ${t.peakRssKb} KB`);
    }
    const counts = Object.fromEntries(
      throughput.findings.rows.map((row: { rule: string; eslint: number; vigil: number; offInVigil: boolean }) => [
        row.rule,
        [row.eslint, row.vigil, row.offInVigil],
      ]),
    );
    assert.deepEqual(counts, {
      "security/detect-child-process": [1, 1, false],
      "security/detect-non-literal-fs-filename": [2, 2, false],
      "security/detect-non-literal-regexp": [1, 1, false],
      "security/detect-object-injection": [1, 0, true],
      "parse-error": [1, 1, false],
    });
  });

  test("rejects an unknown suite with the list of suites", () => {
    const r = spawnSync(process.execPath, [RUN, "no-such-suite"], { encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown suite no-such-suite/);
    assert.match(r.stderr, /throughput/);
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
