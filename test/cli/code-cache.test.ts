import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
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
