import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ScanWorkspaceResult } from "../../server/src/lsp/protocol";
import { fileUri } from "../../server/src/lsp/uri";
import { LspSession } from "./lsp-session";

const INSECURE_TS = `import https from "node:https";\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`;
const CLEAN_TS = `export const answer = 42;\n`;
const MARKER = "served from the scan cache";

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : []);

/** Scans the workspace and resolves with the messages published for `uri` during the scan. */
async function scanMessages(s: LspSession, uri: string): Promise<string[]> {
  const mark = s.mark();
  const result: ScanWorkspaceResult = await s.conn.sendRequest("vigil/scanWorkspace", {});
  assert.equal(result.cancelled, false);
  return (await s.diagnostics(uri, mark)).map((d) => String(d.message));
}

describe("workspace scans keep their result cache in the client's storage folder", () => {
  let folder: string;
  let storage: string;
  let uri: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), "vigil-lsp-scan-cache-"));
    storage = mkdtempSync(path.join(tmpdir(), "vigil-lsp-storage-"));
    writeFileSync(path.join(folder, "agent.ts"), INSECURE_TS);
    writeFileSync(path.join(folder, "answer.ts"), CLEAN_TS);
    uri = fileUri(path.join(folder, "agent.ts"));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  test("a scan writes the cache there, and the next scan takes unchanged files' results from it", async () => {
    const s = await LspSession.start({ folders: [folder], initializationOptions: { storageFolder: storage } });
    try {
      const [message] = await scanMessages(s, uri);
      const trustedCache = path.join(storage, "scan-cache", "trusted");
      const written = cacheFiles(trustedCache);
      assert.equal(written.length, 1, `one cache file in ${trustedCache}`);
      // Results the cache holds are what the next scan publishes: change one there and it shows.
      const stored = readFileSync(written[0]!, "utf8");
      const escaped = JSON.stringify(message).slice(1, -1);
      assert.ok(stored.includes(escaped), "the finding is in the cache");
      writeFileSync(written[0]!, stored.split(escaped).join(MARKER));
      assert.deepEqual(await scanMessages(s, uri), [MARKER]);
    } finally {
      await s.stop();
    }
    assert.deepEqual(readdirSync(folder).sort(), ["agent.ts", "answer.ts"], "nothing is written into the workspace");
  });

  test("restricted mode keeps a cache of its own: results from the trusted one are not served", async () => {
    const s = await LspSession.start({ folders: [folder], initializationOptions: { storageFolder: storage, trusted: false } });
    try {
      const messages = await scanMessages(s, uri);
      assert.ok(messages.length === 1 && messages[0] !== MARKER, messages.join("\n"));
      assert.equal(cacheFiles(path.join(storage, "scan-cache", "restricted")).length, 1);
    } finally {
      await s.stop();
    }
  });

  test("without a storage folder nothing is cached", async () => {
    const before = cacheFiles(path.join(storage, "scan-cache", "trusted")).map((f) => readFileSync(f, "utf8"));
    const s = await LspSession.start({ folders: [folder] });
    try {
      const messages = await scanMessages(s, uri);
      assert.ok(messages.length === 1 && messages[0] !== MARKER, messages.join("\n"));
    } finally {
      await s.stop();
    }
    assert.deepEqual(cacheFiles(path.join(storage, "scan-cache", "trusted")).map((f) => readFileSync(f, "utf8")), before);
    assert.deepEqual(readdirSync(folder).sort(), ["agent.ts", "answer.ts"]);
  });
});
