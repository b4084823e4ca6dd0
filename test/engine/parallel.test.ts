import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { statSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { scanProject } from "../../server/src/engine/scan";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { ProjectWriter, TLS_OFF, TLS_ON, asJson, generatedProject, scanAll, tempDir } from "./incremental-project";

const VULNERABLE_APP = path.join(__dirname, "..", "..", "examples", "vulnerable-app");

function generated(modules: number): string {
  const dir = tempDir("vigil-parallel-");
  new ProjectWriter(dir).writeAll(generatedProject(modules));
  return dir;
}

describe("scans on worker threads", () => {
  test("examples/vulnerable-app: the same results, in the same order, as in-process", async () => {
    const inProcess = await scanAll([VULNERABLE_APP], { jobs: 1 });
    assert.ok(inProcess.length > 5);
    assert.equal(asJson(await scanAll([VULNERABLE_APP], { jobs: 2 })), asJson(inProcess));
  });

  test("a generated project of 214 files: three workers, and the automatic choice, equal in-process", async () => {
    const dir = generated(52);
    const inProcess = await scanAll([dir], { jobs: 1 });
    const rules = new Set(inProcess.flatMap((r) => r.findings.map((f) => f.ruleId)));
    for (const id of ["js/sql-injection", "js/command-injection", "js/dom-xss", "deps/vulnerable-dependency", "docker/runs-as-root", "gha/untrusted-checkout"]) {
      assert.ok(rules.has(id), `the project exercises ${id}`);
    }
    assert.equal(asJson(await scanAll([dir], { jobs: 3 })), asJson(inProcess));
    assert.equal(asJson(await scanAll([dir], { jobs: undefined })), asJson(inProcess));
  });

  test("results computed by workers fill the cache that a later in-process scan uses", async () => {
    const dir = generated(60);
    const writer = new ProjectWriter(dir);
    writer.write("src/tls.js", TLS_OFF);
    const cacheDir = tempDir("vigil-parallel-cache-");
    const logs: string[] = [];
    const cold = await scanAll([dir], { jobs: 2, cacheDir, log: (m) => logs.push(m) });
    // Analysed again, tls.js would lose its finding: the warm scan must take it from the cache.
    const file = path.join(dir, "src/tls.js");
    const { atime, mtime } = statSync(file);
    writeFileSync(file, TLS_ON);
    utimesSync(file, atime, mtime);
    const warm = await scanAll([dir], { jobs: 1, cacheDir, log: (m) => logs.push(m) });
    assert.equal(asJson(warm), asJson(cold));
    assert.deepEqual(logs, []);
  });

  test("stopping a parallel scan part-way ends it promptly and keeps the cache usable", async () => {
    const dir = generated(80);
    const cacheDir = tempDir("vigil-parallel-stop-");
    const abort = new AbortController();
    let seen = 0;
    for await (const _ of scanProject([dir], {
      settings: DEFAULT_SETTINGS,
      now: new Date("2026-11-01T00:00:00Z"),
      jobs: 2,
      cacheDir,
      signal: abort.signal,
    })) {
      if (++seen === 10) abort.abort();
    }
    assert.ok(seen >= 10 && seen < 100, `stopped after ${seen} results`);
    assert.equal(asJson(await scanAll([dir], { cacheDir })), asJson(await scanAll([dir])));
  });
});
