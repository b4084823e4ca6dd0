import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import fc from "fast-check";
import { DB_SAFE, DB_UNSAFE, DB_VIA_SQL, ProjectWriter, ROUTES, SQL_HARMLESS, SQL_UNSAFE, TLS_OFF, TLS_ON, asJson, lockfile, manifest, scanAll, tempDir } from "./incremental-project";

const ROUTES_VIA_LIB = `${ROUTES}const run = require("./lib");\napp.post("/x", (req) => run(req.body.cmd));\n`;
const LIB_EXEC = `const { exec } = require("child_process");\nmodule.exports = (cmd) => exec("git " + cmd);\n`;
const LIB_SAFE = `module.exports = (cmd) => String(cmd).length;\n`;
const MODEL = (status: string, accepted = "") => `component: api
threats:
  - id: T1
    title: SQL injection in user lookup
    stride: tampering
    cwe: [CWE-89]
    status: ${status}
${accepted}`;

/** The fingerprint of src/tls.js's finding, for an acceptance that holds or goes stale as that file changes. */
async function tlsFingerprint(): Promise<string> {
  const dir = tempDir("vigil-incremental-fp-");
  new ProjectWriter(dir).write("src/tls.js", TLS_OFF);
  return (await scanAll([dir]))[0]!.findings[0]!.fingerprint;
}

/**
 * What each file of the small project can hold; null deletes it. Imports point at files that come
 * and go (./db is db.js or, without it, db/index.js; ./sql two imports away; ./lib a folder), the
 * manifest's versions come from a lockfile that changes, and a threat model judges the rest.
 */
const VARIANTS: Record<string, (string | null)[]> = {
  "src/routes.js": [ROUTES, ROUTES_VIA_LIB, null],
  "src/db.js": [DB_UNSAFE, DB_SAFE, DB_VIA_SQL, null],
  "src/db/index.js": [DB_UNSAFE, DB_VIA_SQL, null],
  "src/sql.js": [SQL_UNSAFE, SQL_HARMLESS, null],
  "src/lib/index.js": [LIB_EXEC, LIB_SAFE, null],
  "src/tls.js": [TLS_OFF, TLS_ON, null],
  "package.json": [manifest({ lodash: "4.17.15" }), manifest({ lodash: "4.17.15", minimist: "1.2.5" }), null],
  "package-lock.json": [lockfile({ lodash: "4.17.15" }), lockfile({ lodash: "4.17.21", minimist: "1.2.5" }), lockfile({ lodash: "4.17.21" }), null],
  "threatmodel.yaml": [MODEL("open"), MODEL("mitigated"), null],
};
const FILES = Object.keys(VARIANTS);

const edit = fc.record({ file: fc.constantFrom(...FILES), variant: fc.nat() });

test("property: after every edit in a random sequence, a cached incremental scan equals a scan from scratch", async () => {
  const accepted = `accepted:\n  - rule: js/tls-verification-disabled\n    fingerprint: ${await tlsFingerprint()}\n    path: src/tls.js\n    reason: A test server with a self-signed certificate.\n`;
  // First, so every run starts with an acceptance that edits to src/tls.js make hold or go stale.
  VARIANTS["threatmodel.yaml"]!.unshift(MODEL("open", accepted));
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 7 }), async (edits) => {
      const dir = tempDir("vigil-incremental-");
      const writer = new ProjectWriter(dir);
      for (const file of FILES) writer.write(file, VARIANTS[file]![0]!);
      const cacheDir = tempDir("vigil-incremental-cache-");
      const logs: string[] = [];
      await scanAll([dir], { cacheDir, log: (m) => logs.push(m) });
      for (const { file, variant } of edits) {
        const choices = VARIANTS[file]!;
        const text = choices[variant % choices.length]!;
        if (text === null) writer.remove(file);
        else writer.write(file, text);
        const incremental = await scanAll([dir], { cacheDir, log: (m) => logs.push(m) });
        const fresh = await scanAll([dir]);
        assert.equal(asJson(incremental), asJson(fresh), `after writing ${path.join(dir, file)}`);
      }
      assert.deepEqual(logs, []);
    }),
    { numRuns: 20 },
  );
});
