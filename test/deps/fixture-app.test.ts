/**
 * Acceptance: the fixture app (26 pinned dependencies) with each of its three lockfiles, against
 * each data set, gives exactly the findings the independent matcher expects, withdrawn advisories
 * excepted (Vigil suppresses them; the expected files list them flagged).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FIXTURE_APP, depFindings, fixtureText, project, removeDir, storeFrom } from "./helpers";

interface Expected {
  package: string;
  version: string;
  where: string;
  id: string;
  withdrawn: boolean;
  notes: string;
}

const LOCKFILES = ["package-lock.json", "yarn.lock", "pnpm-lock.yaml"];
const DATASETS = { ghsa: "ghsa-osv", osvdev: "osv-dev-npm" } as const;

for (const [name, dataset] of Object.entries(DATASETS)) {
  describe(`fixture app, ${name} data`, () => {
    for (const lockfile of LOCKFILES) {
      test(lockfile, () => {
        const expected = JSON.parse(readFileSync(path.join(FIXTURE_APP, "expected", `${name}.${lockfile}.json`), "utf8")) as Expected[];
        const dir = project({ "package.json": fixtureText("package.json"), [lockfile]: fixtureText(lockfile) });
        try {
          const findings = depFindings(dir, ["package.json", lockfile], storeFrom(dataset));
          assert.deepEqual(findings.filter((f) => f.ruleId !== "deps/vulnerable-dependency"), []);
          const got = findings.map((f) => f.subject!).sort();
          const want = expected.filter((e) => !e.withdrawn).map((e) => `${e.id} ${e.package}@${e.version}`).sort();
          assert.deepEqual(got, want);
          // Direct dependencies land on package.json, transitive ones on the lockfile.
          const direct = new Set(Object.keys({ ...JSON.parse(fixtureText("package.json")).dependencies, ...JSON.parse(fixtureText("package.json")).devDependencies }));
          for (const f of findings) {
            const [, pkg] = f.subject!.split(" ");
            const isDirect = direct.has(pkg!.slice(0, pkg!.lastIndexOf("@"))) && !(pkg === "cookie@0.4.0");
            assert.equal(path.basename(f.path), isDirect ? "package.json" : lockfile, f.subject);
          }
          // The strict-OSV hit that GitHub's own range data contradicts is kept, at low confidence.
          for (const e of expected.filter((x) => x.notes.startsWith("outside-last_known"))) {
            const f = findings.find((x) => x.subject === `${e.id} ${e.package}@${e.version}`)!;
            assert.equal(f.confidence, "low");
            assert.match(f.message, /probably a false positive/);
          }
        } finally {
          removeDir(dir);
        }
      });
    }
  });
}

test("the nested cookie@0.4.0 is reported on its lockfile entry with the chain from express", () => {
  const dir = project({ "package.json": fixtureText("package.json"), "package-lock.json": fixtureText("package-lock.json") });
  try {
    const findings = depFindings(dir, ["package-lock.json"], storeFrom("osv-dev-npm"));
    const cookie = findings.find((f) => f.subject?.endsWith("cookie@0.4.0"))!;
    const line = fixtureText("package-lock.json").split("\n")[cookie.range.start.line]!;
    assert.match(line, /"node_modules\/express\/node_modules\/cookie": \{/);
    assert.match(cookie.message, /pulled in by express@4\.17\.1 -> cookie@0\.4\.0/);
    assert.deepEqual(cookie.trace?.map((s) => s.message), ["express@4.17.1", "cookie@0.4.0"]);
    // The hoisted cookie is the fixed 0.7.1 and a direct dependency: nothing on it.
    assert.ok(!findings.some((f) => f.subject?.endsWith("cookie@0.7.1")));
  } finally {
    removeDir(dir);
  }
});
