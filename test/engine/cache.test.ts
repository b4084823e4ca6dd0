import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_SETTINGS, mergeSettings } from "../../server/src/engine/settings";
import type { FileResult } from "../../server/src/engine/scan";
import { DB_SAFE, DB_UNSAFE, DB_VIA_SQL, ProjectWriter, ROUTES, SQL_HARMLESS, SQL_UNSAFE, TLS_OFF, TLS_ON, asJson, lockfile, manifest, scanAll, tempDir } from "./incremental-project";

const rulesOf = (results: FileResult[], file: string) =>
  results
    .filter((r) => path.basename(r.path) === file)
    .flatMap((r) => r.findings.map((f) => f.ruleId))
    .sort();

function project(files: Record<string, string>) {
  const dir = tempDir("vigil-cache-project-");
  const writer = new ProjectWriter(dir);
  writer.writeAll(files);
  const cacheDir = path.join(tempDir("vigil-cache-"), "nested", "cache");
  const logs: string[] = [];
  const scan = (options: Parameters<typeof scanAll>[1] = {}) => scanAll([dir], { cacheDir, log: (m) => logs.push(m), ...options });
  const fresh = (options: Parameters<typeof scanAll>[1] = {}) => scanAll([dir], options);
  return { dir, writer, cacheDir, logs, scan, fresh };
}

/**
 * Replaces a file's bytes behind an unchanged size and modification time: a scan that reads the
 * file sees the new text, one that trusts the cache does not, which tells whether it was analysed.
 */
function swapBehindStat(file: string, text: string): void {
  const before = statSync(file);
  assert.equal(Buffer.byteLength(text), before.size, "the swapped text keeps the size");
  writeFileSync(file, text);
  utimesSync(file, before.atime, before.mtime);
}

describe("persistent result cache", () => {
  test("a cache hit neither reads nor analyses the file; the results equal a scan without cache", async () => {
    const p = project({ "src/routes.js": ROUTES, "src/db.js": DB_UNSAFE, "src/tls.js": TLS_OFF });
    const first = await p.scan();
    assert.equal(asJson(first), asJson(await p.fresh()));
    assert.deepEqual(rulesOf(first, "tls.js"), ["js/tls-verification-disabled"]);
    // Same length, no finding: were tls.js analysed again, its finding would go.
    swapBehindStat(path.join(p.dir, "src/tls.js"), TLS_ON);
    const second = await p.scan();
    assert.equal(asJson(second), asJson(first), "everything came from the cache");
    assert.deepEqual(rulesOf(await p.fresh(), "tls.js"), [], "a scan without cache sees the swapped text");
    assert.deepEqual(p.logs, []);
    assert.equal(readdirSync(p.cacheDir).length, 1, "one cache file, created with its folder");
  });

  test("touching a file without changing it keeps its result: the content decides, not the time", async () => {
    const p = project({ "src/tls.js": TLS_OFF });
    await p.scan();
    const file = path.join(p.dir, "src/tls.js");
    utimesSync(file, new Date(), new Date());
    assert.deepEqual(rulesOf(await p.scan(), "tls.js"), ["js/tls-verification-disabled"]);
    // The touched file's new time is now known: the next scan trusts it again without reading it.
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    await p.scan();
    swapBehindStat(file, TLS_ON);
    assert.deepEqual(rulesOf(await p.scan(), "tls.js"), ["js/tls-verification-disabled"]);
  });

  test("a change re-analyses the file and every file whose cross-file summary read it, two imports away too", async () => {
    const p = project({ "src/routes.js": ROUTES, "src/db.js": DB_VIA_SQL, "src/sql.js": SQL_UNSAFE, "src/tls.js": TLS_OFF });
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), ["js/sql-injection"]);
    p.writer.write("src/sql.js", SQL_HARMLESS);
    swapBehindStat(path.join(p.dir, "src/tls.js"), TLS_ON);
    const after = await p.scan();
    assert.deepEqual(rulesOf(after, "routes.js"), [], "routes.js read sql.js through db.js: re-analysed");
    assert.deepEqual(rulesOf(after, "tls.js"), ["js/tls-verification-disabled"], "an unrelated file stays cached");
    p.writer.write("src/db.js", DB_UNSAFE);
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), ["js/sql-injection"]);
    p.writer.write("src/db.js", DB_SAFE);
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), []);
  });

  test("a module appearing where an import pointed at nothing re-analyses the importer; deleting it does too", async () => {
    const p = project({ "src/routes.js": ROUTES });
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), []);
    p.writer.write("src/db/index.js", DB_UNSAFE);
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), ["js/sql-injection"]);
    p.writer.remove("src/db/index.js");
    assert.deepEqual(rulesOf(await p.scan(), "routes.js"), []);
  });

  test("a lockfile change re-checks the manifest and lockfile; settings changes invalidate everything", async () => {
    const p = project({ "package.json": manifest({ lodash: "4.17.15" }), "package-lock.json": lockfile({ lodash: "4.17.15" }), "src/tls.js": TLS_OFF });
    const first = await p.scan();
    assert.ok(rulesOf(first, "package.json").includes("deps/vulnerable-dependency"), "versions come from the lockfile");
    p.writer.write("package-lock.json", lockfile({ lodash: "4.17.21" }));
    const second = await p.scan();
    assert.equal(asJson(second), asJson(await p.fresh()));
    assert.deepEqual(rulesOf(second, "package.json"), []);

    // Only a severity differs, yet every result was computed under other settings: none is reused.
    swapBehindStat(path.join(p.dir, "src/tls.js"), TLS_ON);
    const lower = mergeSettings(DEFAULT_SETTINGS, { rules: { "js/tls-verification-disabled": "low" } });
    assert.deepEqual(rulesOf(await p.scan({ settings: lower }), "tls.js"), [], "other settings: the file was analysed again");
  });

  test("an analysis that ran out of time is tried once more on the next scan, then its notice is kept", async () => {
    const slow = Array.from({ length: 400 }, (_, i) => `app.get("/r${i}", (req, res) => res.send(helper(req.query.a${i} + "x")));`).join("\n") + "\n";
    const padding = "// nothing to see here\n".repeat(Math.floor(slow.length / 23));
    const quiet = padding + "/".repeat(slow.length - padding.length - 1) + "\n";
    const p = project({ "src/slow.js": slow });
    const settings = mergeSettings(DEFAULT_SETTINGS, { analysisTimeout: 1 });
    const file = path.join(p.dir, "src/slow.js");
    assert.ok(rulesOf(await p.scan({ settings }), "slow.js").includes("vigil/analysis-timeout"));
    swapBehindStat(file, quiet);
    assert.deepEqual(rulesOf(await p.scan({ settings }), "slow.js"), [], "retried: the swapped text was read");
    p.writer.write("src/slow.js", slow);
    await p.scan({ settings });
    assert.ok(rulesOf(await p.scan({ settings }), "slow.js").includes("vigil/analysis-timeout"), "out of time again on the retry");
    swapBehindStat(file, quiet);
    assert.ok(rulesOf(await p.scan({ settings }), "slow.js").includes("vigil/analysis-timeout"), "kept: not analysed a third time");
  });

  test("a damaged cache is logged and replaced; a cache from another engine build is ignored", async () => {
    const p = project({ "src/tls.js": TLS_OFF });
    const expected = asJson(await p.scan());
    const [name] = readdirSync(p.cacheDir);
    const file = path.join(p.cacheDir, name!);
    const valid = readFileSync(file, "utf8");
    for (const damage of ["", "{not json", valid.slice(0, valid.length / 2), valid.replace(/"paths":\[/, '"paths":7,"x":[')]) {
      writeFileSync(file, damage);
      p.logs.length = 0;
      assert.equal(asJson(await p.scan()), expected);
      assert.match(p.logs.join("\n"), /scan cache .* is damaged .*; starting afresh/);
      assert.equal(readFileSync(file, "utf8").split("\n")[0], valid.split("\n")[0], "rewritten whole");
    }
    writeFileSync(file, valid.replace(/"engine":"[^"]*"/, '"engine":"another build"'));
    p.logs.length = 0;
    swapBehindStat(path.join(p.dir, "src/tls.js"), TLS_ON);
    assert.deepEqual(rulesOf(await p.scan(), "tls.js"), [], "results of another build are not used");
    assert.deepEqual(p.logs, []);
  });
});
