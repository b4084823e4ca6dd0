import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileUri } from "../../server/src/lsp/uri";
import { REPO } from "../helpers/cli";
import { LspSession } from "./lsp-session";

const SERVER = path.join(REPO, "dist", "server.js");
const INSECURE_TS = `import https from "node:https";\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`;
const CACHE_STATE = /^code cache (used|written|not written)$/;

/** Starts dist/server.js (what the VS Code client runs) with a cache folder and resolves with what it did with the cache. */
async function start(folder: string, cacheDir: string): Promise<{ s: LspSession; cache: Promise<string> }> {
  const s = await LspSession.start({ folders: [folder], serverArgs: [SERVER, "--stdio", `--code-cache-dir=${cacheDir}`] });
  const cache = s.waitFor<{ message: string }>("$/logTrace", (p) => CACHE_STATE.test(p.message), 0, "the code cache's state").then((p) => p.message);
  return { s, cache };
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".bin"));

describe("dist/server.js loads the server through V8's code cache", { skip: process.platform === "win32" && "POSIX permissions" }, () => {
  let folder: string;
  let scratch: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), "vigil-lsp-code-cache-"));
    writeFileSync(path.join(folder, "agent.ts"), INSECURE_TS);
    scratch = mkdtempSync(path.join(tmpdir(), "vigil-lsp-code-cache-dir-"));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A start that runs until it has dealt with the cache; resolves with what it did. */
  async function oneStart(cacheDir: string): Promise<string> {
    const { s, cache } = await start(folder, cacheDir);
    try {
      return await cache;
    } finally {
      await s.stop();
    }
  }

  test("the first start writes the cache once warm, the next one runs from it", async () => {
    const cacheDir = path.join(scratch, "private", "code-cache");
    const first = await start(folder, cacheDir);
    try {
      assert.equal(await first.cache, "code cache written");
      assert.equal(cacheFiles(cacheDir).length, 1);
    } finally {
      await first.s.stop();
    }
    const second = await start(folder, cacheDir);
    try {
      assert.equal(await second.cache, "code cache used");
      const uri = fileUri(path.join(folder, "agent.ts"));
      await second.s.open(uri, INSECURE_TS);
      const diagnostics = await second.s.diagnostics(uri, 0);
      assert.ok(diagnostics.some((d) => d.code === "js/tls-verification-disabled"), JSON.stringify(diagnostics));
    } finally {
      await second.s.stop();
    }
  });

  test("a cache V8 rejects (damaged, or from another build) is replaced", async () => {
    const cacheDir = path.join(scratch, "damaged");
    assert.equal(await oneStart(cacheDir), "code cache written");
    const [name] = cacheFiles(cacheDir);
    writeFileSync(path.join(cacheDir, name!), Buffer.alloc(4096, 7), { mode: 0o600 });
    assert.equal(await oneStart(cacheDir), "code cache written");
  });

  test("a folder other users can write to is neither read nor written", async () => {
    const own = path.join(scratch, "own");
    assert.equal(await oneStart(own), "code cache written");
    // A valid cache planted where anyone could have put it: bytecode from there is never run.
    const cacheDir = path.join(scratch, "shared");
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    const [name] = cacheFiles(own);
    copyFileSync(path.join(own, name!), path.join(cacheDir, name!));
    assert.equal(await oneStart(cacheDir), "code cache not written");
    assert.deepEqual(cacheFiles(cacheDir), [name]);
  });
});
