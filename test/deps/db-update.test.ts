/** `vigil db update`: zip, folder and URL imports into the cache, validation, and atomic swaps. */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { openUserDb, userAdvisoriesDir } from "../../server/src/engine/deps/advisory-db";
import { readZip, ZipError } from "../../server/src/engine/deps/zip";
import { DATA_SOURCES, FIXTURES, tempDir, vigil } from "./helpers";

const ZIP = path.join(FIXTURES, "ghsa-osv.zip");
const REPO = path.join(__dirname, "..", "..");

const run = (args: string[]) => vigil(args, REPO);

function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

describe("zip reader", () => {
  test("reads every entry of a real zip, CRC-checked", () => {
    const entries = readZip(readFileSync(ZIP));
    assert.equal(entries.filter((e) => e.name.endsWith(".json")).length, 55);
    const first = JSON.parse(entries.find((e) => e.name.endsWith(".json"))!.read().toString("utf8"));
    assert.match(first.id, /^GHSA-/);
  });
  test("a Zip64 archive (as exports with more than 65,535 entries are): sizes and offsets from the Zip64 records", () => {
    const buf = readFileSync(path.join(FIXTURES, "zip64-three.zip"));
    const ids = (b: Buffer) => readZip(b).map((e) => JSON.parse(e.read().toString("utf8")).id);
    assert.deepEqual(ids(buf), ["GHSA-35jh-r3h4-6jhm", "GHSA-xvch-5gv4-984h", "GHSA-hrpp-h998-j3pp"]);
    // As a real >65,535-entry archive has it: the classic end record saturated, only Zip64's counts.
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const saturated = Buffer.from(buf);
    saturated.writeUInt16LE(0xffff, eocd + 8);
    saturated.writeUInt16LE(0xffff, eocd + 10);
    saturated.writeUInt32LE(0xffffffff, eocd + 16);
    assert.deepEqual(ids(saturated), ids(buf));
  });
  test("a truncated or damaged zip is refused with a reason", () => {
    const buf = readFileSync(ZIP);
    assert.throws(() => readZip(buf.subarray(0, buf.length - 100)), ZipError);
    const damaged = Buffer.from(buf);
    const entry = readZip(damaged)[3]!;
    const at = damaged.indexOf(Buffer.from(entry.name)) + entry.name.length + 8;
    damaged[at] = damaged[at]! ^ 0xff; // flip a data byte
    assert.throws(() => readZip(damaged)[3]!.read(), /checksum mismatch|invalid/);
  });
});

describe("vigil db update", () => {
  test("from a folder, then from a zip: each import replaces the last, and status says so", async () => {
    const cache = tempDir();
    let r = await run(["db", "update", "--from", path.join(DATA_SOURCES, "osv-dev-npm"), "--cache-dir", cache]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Imported 241 advisories \(18 withdrawn\)/);
    const first = openUserDb(cache)!.dir;
    r = await run(["db", "update", "--from", ZIP, "--cache-dir", cache]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Imported 55 advisories/);
    assert.equal(existsSync(first), false, "the replaced store is deleted");
    assert.deepEqual(readdirSync(userAdvisoriesDir(cache)).filter((n) => n !== "current").length, 1);
    r = await run(["db", "status", "--cache-dir", cache]);
    assert.match(r.stdout, /Using your advisory data: 55 advisories .* newest record \d{4}-\d\d-\d\d/);
  });

  test("from a URL served on 127.0.0.1", async () => {
    const { server, url } = await serve((req, res) => {
      if (req.url === "/npm/all.zip") res.end(readFileSync(ZIP));
      else res.writeHead(404).end();
    });
    try {
      const cache = tempDir();
      const ok = await run(["db", "update", "--from", `${url}/npm/all.zip`, "--cache-dir", cache]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(openUserDb(cache)!.meta.records, 55);
      const missing = await run(["db", "update", "--from", `${url}/nope.zip`, "--cache-dir", cache]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /HTTP 404.*|previous advisory data stays in use.*404/s);
      assert.equal(openUserDb(cache)!.meta.records, 55);
    } finally {
      server.close();
    }
  });

  test("malformed records are rejected and named; a source with none usable leaves the old data", async () => {
    const cache = tempDir();
    const src = tempDir();
    writeFileSync(path.join(src, "GHSA-good.json"), readFileSync(path.join(DATA_SOURCES, "ghsa-osv", "GHSA-9c47-m6qq-7p4h.json")));
    writeFileSync(path.join(src, "broken.json"), '{"id": "GHSA-x", "modified": ');
    writeFileSync(path.join(src, "no-id.json"), '{"modified": "2024-01-01T00:00:00Z"}');
    let r = await run(["db", "update", "--from", src, "--cache-dir", cache]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Imported 1 advisories[\s\S]*Rejected 2 malformed records:[\s\S]*broken\.json: not valid JSON[\s\S]*no-id\.json: no "id"/);
    const bad = tempDir();
    mkdirSync(path.join(bad, "nested"));
    writeFileSync(path.join(bad, "nested", "x.json"), "[]");
    r = await run(["db", "update", "--from", bad, "--cache-dir", cache]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no usable npm advisories/);
    assert.equal(openUserDb(cache)!.meta.records, 1);
  });

  test("an update killed mid-download leaves the old data in use, and the next update cleans up", async () => {
    const cache = tempDir();
    assert.equal((await run(["db", "update", "--from", path.join(DATA_SOURCES, "ghsa-osv"), "--cache-dir", cache])).code, 0);
    const before = openUserDb(cache)!.dir;
    const zip = readFileSync(ZIP);
    let sentHalf!: () => void;
    const halfway = new Promise<void>((r) => (sentHalf = r));
    const { server, url } = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(zip.length) });
      res.write(zip.subarray(0, zip.length >> 1), () => sentHalf()); // and never the rest
    });
    try {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "server/src/cli/main.ts"), "db", "update", "--from", `${url}/all.zip`, "--cache-dir", cache], { stdio: "ignore" });
      await halfway;
      await new Promise((r) => setTimeout(r, 200));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      const db = openUserDb(cache)!;
      assert.equal(db.dir, before);
      assert.equal(db.meta.records, 55);
      assert.ok(db.advisoriesFor("lodash").length > 0);
      assert.ok(readdirSync(userAdvisoriesDir(cache)).some((n) => n.startsWith("staging-")), "the interrupted run left its staging folder");
    } finally {
      server.closeAllConnections();
      server.close();
    }
    assert.equal((await run(["db", "update", "--from", ZIP, "--cache-dir", cache])).code, 0);
    assert.deepEqual(readdirSync(userAdvisoriesDir(cache)).filter((n) => n.startsWith("staging-")), []);
  });

  test("--output builds a standalone store, as the bundled snapshot is built", async () => {
    const out = path.join(tempDir(), "snapshot");
    const r = await run(["db", "update", "--from", path.join(DATA_SOURCES, "ghsa-osv"), "--from", path.join(DATA_SOURCES, "osv-dev-npm"), "--output", out]);
    assert.equal(r.code, 0, r.stderr);
    const meta = JSON.parse(readFileSync(path.join(out, "meta.json"), "utf8"));
    assert.equal(meta.records, 241);
    assert.match(meta.attribution, /GitHub Advisory Database \(CC-BY-4\.0\)/);
  });
});
