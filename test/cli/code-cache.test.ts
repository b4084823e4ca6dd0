import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO, runCli } from "../helpers/cli";

const VIGIL = path.join(REPO, "bin", "vigil.js");
const APP = path.join(REPO, "examples", "vulnerable-app");

test("bin/vigil.js: a run that analyses nothing leaves a partial code cache, the first completed scan a full one that every run then uses", { skip: process.platform === "win32" && "XDG cache folder" }, async () => {
  const home = mkdtempSync(path.join(tmpdir(), "vigil-cli-code-cache-"));
  try {
    const env = { ...process.env, XDG_CACHE_HOME: home };
    const cacheFiles = () => readdirSync(path.join(home, "vigil", "code-cache")).sort();
    const vigil = (...args: string[]) => runCli(args, { cli: VIGIL, cwd: REPO, env });

    assert.equal((await vigil("--version")).code, 0);
    const [partial, ...others] = cacheFiles();
    assert.match(partial ?? "", /^cli-.*\.partial\.bin$/);
    assert.deepEqual(others, []);

    assert.equal((await vigil("scan", "--help")).code, 0);
    assert.deepEqual(cacheFiles(), [partial], "--help scans nothing: the partial cache stays");

    const scan = await vigil("scan", APP, "--format", "json");
    assert.equal(scan.code, 1, scan.stderr);
    const [full, ...rest] = cacheFiles();
    assert.equal(full, partial!.replace(/\.partial\.bin$/, ".bin"));
    assert.deepEqual(rest, [], "the partial cache is gone");

    const again = await vigil("scan", APP, "--format", "json");
    assert.equal(again.stdout, scan.stdout, "the same report from the cached bytecode");
    assert.deepEqual(cacheFiles(), [full]);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("saving a code cache prunes the caches of older builds of the same bundle, keeping the newest three", { skip: process.platform === "win32" && "XDG cache folder" }, async () => {
  const home = mkdtempSync(path.join(tmpdir(), "vigil-cli-code-cache-"));
  try {
    const dir = path.join(home, "vigil", "code-cache");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = [1, 2, 3, 4, 5].map((i) => `cli-${String(i).repeat(24)}-11.3-x64.bin`);
    old.forEach((name, i) => {
      writeFileSync(path.join(dir, name), "old bytecode");
      utimesSync(path.join(dir, name), 1_000_000 + i, 1_000_000 + i); // the last one newest
    });
    const otherBundle = `server-core-${"a".repeat(24)}-11.3-x64.bin`;
    writeFileSync(path.join(dir, otherBundle), "the server's");
    utimesSync(path.join(dir, otherBundle), 1, 1);

    const run = await runCli(["--version"], { cli: VIGIL, cwd: REPO, env: { ...process.env, XDG_CACHE_HOME: home } });
    assert.equal(run.code, 0);
    const left = readdirSync(dir).sort();
    const partial = left.filter((n) => n.endsWith(".partial.bin"));
    assert.equal(partial.length, 1, "this build's cache was written");
    assert.deepEqual(left.filter((n) => !partial.includes(n)), [...old.slice(2), otherBundle].sort());
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
