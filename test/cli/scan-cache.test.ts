import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CLI, REPO, runCli } from "../helpers/cli";

const APP = path.join(REPO, "examples", "vulnerable-app");
const scratch = () => mkdtempSync(path.join(tmpdir(), "vigil-cli-cache-"));

test("--jobs 2 runs dist/scan-worker.js and prints the JSON and SARIF reports byte for byte as --jobs 1", async () => {
  for (const format of ["json", "sarif"]) {
    const one = await runCli(["scan", APP, "--format", format, "--jobs", "1"], { cwd: REPO });
    const two = await runCli(["scan", APP, "--format", format, "--jobs", "2"], { cwd: REPO });
    assert.equal(one.code, 1, one.stderr);
    assert.equal(two.code, 1, two.stderr);
    assert.equal(two.stderr, "");
    assert.equal(two.stdout, one.stdout, `${format} output`);
  }
});

test("--cache DIR: the second scan prints the same report; a damaged cache is reported on stderr and rebuilt", async () => {
  const cache = path.join(scratch(), "cache");
  const args = ["scan", APP, "--format", "json", "--cache", cache];
  const first = await runCli(args, { cwd: REPO });
  const plain = await runCli(["scan", APP, "--format", "json"], { cwd: REPO });
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.stdout, plain.stdout);
  const [file] = readdirSync(cache);
  assert.ok(file, "the cache folder holds the cache file");
  const second = await runCli(args, { cwd: REPO });
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, "");
  writeFileSync(path.join(cache, file!), "\u0000garbage");
  const third = await runCli(args, { cwd: REPO });
  assert.equal(third.code, 1);
  assert.equal(third.stdout, first.stdout);
  assert.match(third.stderr, /^vigil: the scan cache .* is damaged \(.*\); starting afresh\n$/);
  assert.equal((await runCli(args, { cwd: REPO })).stderr, "", "rebuilt whole");
});

test("--jobs takes a whole number or auto", async () => {
  for (const bad of ["0", "two", "1.5"]) {
    const r = await runCli(["scan", APP, "--jobs", bad], { cwd: REPO });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs must be a whole number of at least 1, or auto/);
  }
  assert.equal((await runCli(["scan", APP, "--jobs", "auto", "--fail-on", "never"], { cwd: REPO })).code, 0);
});

test("a bundle without its worker beside it says so and analyses in the main thread, with the same report", async () => {
  const dir = scratch();
  // The bundle finds the advisory snapshot in a data/ folder above it, as in the extension.
  symlinkSync(path.join(REPO, "data"), path.join(dir, "data"));
  mkdirSync(path.join(dir, "dist"));
  const cli = path.join(dir, "dist", "cli.js");
  copyFileSync(CLI, cli);
  const alone = await runCli(["scan", APP, "--format", "json", "--jobs", "2"], { cli, cwd: REPO });
  const expected = await runCli(["scan", APP, "--format", "json", "--jobs", "1"], { cwd: REPO });
  assert.equal(alone.code, 1);
  assert.equal(alone.stdout, expected.stdout);
  assert.match(alone.stderr, /^vigil: a scan worker failed \(.*\); its files are analysed in the main thread\n$/, "said once");
});
