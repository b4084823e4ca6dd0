/** `vigil deps` and dependency findings through `vigil scan`, in-process, on the bundled snapshot. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { dependencyInputsKey } from "../../server/src/engine/deps/context";
import { createProjectFacts } from "../../server/src/engine/deps/project-facts";
import { fixtureText, project, removeDir, snapshot, storeFrom, tempDir, vigil } from "./helpers";

process.env.VIGIL_CACHE_DIR = tempDir(); // no user store: the bundled snapshot answers

test("vigil deps: a table of vulnerable packages with where they are and the fix, exit 1 at --fail-on", async () => {
  const dir = project({ "package.json": fixtureText("package.json"), "yarn.lock": fixtureText("yarn.lock") });
  try {
    const text = await vigil(["deps"], dir);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /^SEVERITY +PACKAGE +ADVISORY +FIXED IN +VIA +WHERE$/m);
    assert.match(text.stdout, /^medium +body-parser@1\.19\.0 +GHSA-qwcr-r2fm-qrc7 +1\.20\.3 +express@4\.17\.1 +yarn\.lock:\d+$/m);
    assert.match(text.stdout, /28 vulnerable package versions, 49 advisories, in 2 files; advisory data: 241 records, newest 2026-09-10/);
    const json = JSON.parse((await vigil(["deps", "--format", "json", "--fail-on", "never"], dir)).stdout);
    assert.equal(json.vulnerabilities.length, 49);
    assert.equal(json.advisoryData.records, 241);
  } finally {
    removeDir(dir);
  }
});

test("vigil deps: a broken lockfile is named with its line, and the rest is still checked", async () => {
  const dir = project({ "a/package.json": '{ "dependencies": { "lodash": "4.17.15" } }', "b/package-lock.json": '{\n  "lockfileVersion": 3,\n  "packages": {\n' });
  try {
    const r = await vigil(["deps", "--fail-on", "never"], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /b\/package-lock\.json:4: not checked: not valid JSON/);
    assert.match(r.stdout, /lodash@4\.17\.15/);
  } finally {
    removeDir(dir);
  }
});

test("vigil scan: dependency findings in SARIF, on the manifest line, with the advisory's severity", async () => {
  const dir = project({ "package.json": '{\n  "dependencies": {\n    "minimist": "1.2.5"\n  }\n}\n' });
  try {
    const r = await vigil(["scan", ".", "--format", "sarif", "--fail-on", "never"], dir);
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout).runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "deps/vulnerable-dependency");
    assert.equal(results.length, 1);
    assert.equal(results[0].locations[0].physicalLocation.region.startLine, 3);
    assert.match(results[0].message.text, /minimist@1\.2\.5 is affected by GHSA-xvch-5gv4-984h/);
  } finally {
    removeDir(dir);
  }
});

test("the cache key of a dependency file changes with its sibling lockfile and with the advisory data", () => {
  const dir = project({ "package.json": "{}", "package-lock.json": '{"lockfileVersion": 3, "packages": {}}' });
  try {
    const file = `${dir}/package.json`;
    const db = snapshot();
    const key = dependencyInputsKey(file, createProjectFacts(), db);
    assert.equal(dependencyInputsKey(file, createProjectFacts(), db), key);
    writeFileSync(`${dir}/package-lock.json`, '{"lockfileVersion": 3, "packages": {"": {}}}');
    assert.notEqual(dependencyInputsKey(file, createProjectFacts(), db), key);
    assert.notEqual(dependencyInputsKey(file, createProjectFacts(), storeFrom("ghsa-osv")), dependencyInputsKey(file, createProjectFacts(), db));
    assert.equal(dependencyInputsKey(`${dir}/src/app.ts`, createProjectFacts(), db), "");
  } finally {
    removeDir(dir);
  }
});
