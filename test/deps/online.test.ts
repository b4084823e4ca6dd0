/** The live OSV source against a local replay of recorded api.osv.dev exchanges: hits, batching, caching, timeouts, offline. */
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { createServer } from "node:net";
import { OnlineAdvisories } from "../../server/src/engine/deps/osv-api";
import { AdvisoryDb, bundledSnapshotDir } from "../../server/src/engine/deps/advisory-db";
import { advisoriesAffecting } from "../../server/src/engine/deps/match";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { createProjectFacts } from "../../server/src/engine/deps/project-facts";
import { startReplay, type Replay } from "./replay-server";
import { project, removeDir, tempDir, vigil } from "./helpers";

process.env.VIGIL_CACHE_DIR = tempDir(); // answers cached here, not in the user's cache

const snapshot = () => AdvisoryDb.open(bundledSnapshotDir());
const RECORDED = [
  { name: "ansi-html", version: "0.0.1" },
  { name: "has-flag", version: "4.0.0" },
  { name: "wrappy", version: "1.0.2" },
];
const LOCK = JSON.stringify({
  name: "app", lockfileVersion: 3,
  packages: {
    "": { dependencies: { "ansi-html": "0.0.1", "has-flag": "4.0.0", wrappy: "1.0.2" } },
    "node_modules/ansi-html": { version: "0.0.1" },
    "node_modules/has-flag": { version: "4.0.0" },
    "node_modules/wrappy": { version: "1.0.2" },
  },
}, null, 2);

describe("OSV API source", () => {
  let replay: Replay;
  before(async () => (replay = await startReplay()));
  after(() => replay.close());

  test("an advisory the local data lacks is found live and reported on the lockfile entry", async () => {
    replay.requests.length = 0;
    const online = new OnlineAdvisories(snapshot(), { baseUrl: replay.url });
    assert.deepEqual(advisoriesAffecting(online, "ansi-html", "0.0.1"), [], "not in the bundled snapshot");
    assert.equal(await online.prefetch(RECORDED), true, online.lastError);
    assert.deepEqual(replay.requests.map((r) => r.path), ["/v1/querybatch", "/v1/vulns/GHSA-whgm-jr23-g3j9"]);
    assert.deepEqual(advisoriesAffecting(online, "ansi-html", "0.0.1").map((m) => m.advisory.id), ["GHSA-whgm-jr23-g3j9"]);
    assert.deepEqual(advisoriesAffecting(online, "ansi-html", "0.0.2"), [], "OSV vouched for 0.0.1 only");
    const findings = analyzeFile({ path: "/app/package-lock.json", text: LOCK }, { settings: DEFAULT_SETTINGS, advisories: online, project: createProjectFacts() });
    assert.deepEqual(findings.map((f) => f.subject), ["GHSA-whgm-jr23-g3j9 ansi-html@0.0.1"]);
    assert.match(findings[0]!.message, /details unavailable/);
    assert.equal(findings[0]!.references![0]!.url, "https://github.com/advisories/GHSA-whgm-jr23-g3j9");
  });

  test("queries go in batches of the configured size, each package version once", async () => {
    replay.requests.length = 0;
    const online = new OnlineAdvisories(snapshot(), { baseUrl: replay.url, batchSize: 2 });
    assert.equal(await online.prefetch([...RECORDED, ...RECORDED]), true, online.lastError);
    const batches = replay.requests.filter((r) => r.path === "/v1/querybatch").map((r) => (r.body as { queries: unknown[] }).queries.length);
    assert.deepEqual(batches, [2, 1]);
  });

  test("answers are cached, in memory and on disk, so a second check asks nothing", async () => {
    const cacheFile = path.join(tempDir(), "osv-api-cache.json");
    await new OnlineAdvisories(snapshot(), { baseUrl: replay.url, cacheFile }).prefetch(RECORDED);
    replay.requests.length = 0;
    const again = new OnlineAdvisories(snapshot(), { baseUrl: replay.url, cacheFile });
    assert.equal(await again.prefetch(RECORDED), true);
    assert.equal(replay.requests.length, 0);
    assert.deepEqual(advisoriesAffecting(again, "ansi-html", "0.0.1").map((m) => m.advisory.id), ["GHSA-whgm-jr23-g3j9"]);
  });

  test("a server that does not answer: the timeout ends the wait and the local data is used", async () => {
    replay.hang = true;
    try {
      const online = new OnlineAdvisories(snapshot(), { baseUrl: replay.url, timeoutMs: 300 });
      const started = Date.now();
      assert.equal(await online.prefetch(RECORDED), false);
      assert.ok(Date.now() - started < 3000, "bounded by the timeout");
      assert.match(online.lastError!, /no answer within 300 ms/);
      assert.deepEqual(advisoriesAffecting(online, "lodash", "4.17.15").length > 0, true, "local advisories still apply");
    } finally {
      replay.hang = false;
    }
  });

  test("offline (connection refused): a quiet fallback to local data", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const online = new OnlineAdvisories(snapshot(), { baseUrl: `http://127.0.0.1:${port}` });
    assert.equal(await online.prefetch(RECORDED), false);
    assert.match(online.lastError!, /unreachable/);
    const findings = analyzeFile({ path: "/app/package.json", text: '{ "dependencies": { "lodash": "4.17.15" } }' }, { settings: DEFAULT_SETTINGS, advisories: online });
    assert.equal(findings.filter((f) => f.ruleId === "deps/vulnerable-dependency").length, 3);
  });

  test("vigil scan with onlineSources in vigil.config.json reports what only the live source knows", async () => {
    const dir = project({
      "vigil.config.json": JSON.stringify({ dependencies: { onlineSources: true } }),
      "package-lock.json": LOCK,
    });
    process.env.VIGIL_OSV_API = replay.url;
    try {
      const r = await vigil(["scan", ".", "--format", "json", "--fail-on", "never"], dir);
      assert.equal(r.code, 0, r.stderr);
      const ids = JSON.parse(r.stdout).findings.map((f: { ruleId: string; message: string }) => f.message.split(" is affected by ")[1]?.split(" ")[0]);
      assert.ok(ids.includes("GHSA-whgm-jr23-g3j9"), r.stdout);
    } finally {
      delete process.env.VIGIL_OSV_API;
      removeDir(dir);
    }
  });

  test("an unrecorded query is refused by the replay, and counts as a fallback", async () => {
    const online = new OnlineAdvisories(snapshot(), { baseUrl: replay.url });
    assert.equal(await online.prefetch([{ name: "left-pad", version: "1.3.0" }]), false);
    assert.match(online.lastError!, /HTTP 400/);
  });
});
