/** The OSV matcher and severity: the edge cases the fixture app's README lists, decided and held here. */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { advisoriesFromOsv, advisoryVerdict, type Advisory } from "../../server/src/engine/deps/osv";
import { cvss3BaseScore } from "../../server/src/engine/deps/cvss";
import { advisoriesAffecting, upgradeFor } from "../../server/src/engine/deps/match";
import type { AdvisorySource } from "../../server/src/engine/deps/advisory-db";
import { buildAdvisoryIndex } from "../../server/src/engine/deps/db-import";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DATA_SOURCES, storeFrom } from "./helpers";

function record(events: object[], extra: Record<string, unknown> = {}, name = "pkg"): Record<string, unknown> {
  return { id: "GHSA-test-0000-0000", modified: "2024-01-01T00:00:00Z", summary: "s", affected: [{ package: { ecosystem: "npm", name }, ranges: [{ type: "SEMVER", events }] }], ...extra };
}
const one = (raw: Record<string, unknown>, name = "pkg"): Advisory => advisoriesFromOsv(raw).get(name)!;
const verdicts = (a: Advisory, versions: string[]) => versions.map((v) => advisoryVerdict(a, v));
const sourceOf = (list: Advisory[]): AdvisorySource => ({ meta: {} as never, advisoriesFor: () => list });

describe("OSV ranges", () => {
  test("introduced/fixed: the fixed version and later are safe", () => {
    const a = one(record([{ introduced: "0" }, { fixed: "4.17.21" }]));
    assert.deepEqual(verdicts(a, ["0.0.1", "4.17.20", "4.17.21", "5.0.0"]), ["affected", "affected", "unaffected", "unaffected"]);
  });

  test("last_affected includes its version; limit caps the range", () => {
    const a = one(record([{ introduced: "1.0.0" }, { last_affected: "1.1.8" }]));
    assert.deepEqual(verdicts(a, ["0.9.0", "1.1.8", "1.1.9"]), ["unaffected", "affected", "unaffected"]);
    const limited = one(record([{ introduced: "0" }, { limit: "2.0.0" }]));
    assert.deepEqual(verdicts(limited, ["1.9.9", "2.0.0"]), ["affected", "unaffected"]);
  });

  test("several introduced/fixed pairs in one range, in any order", () => {
    const a = one(record([{ fixed: "6.7.3" }, { introduced: "6.7.0" }, { introduced: "6.8.0" }, { fixed: "6.8.3" }]));
    assert.deepEqual(verdicts(a, ["6.6.0", "6.7.0", "6.7.3", "6.8.1", "6.9.0"]), ["unaffected", "affected", "unaffected", "affected", "unaffected"]);
  });

  test("prerelease bounds order as SemVer says: 5.0.0-alpha.1 < 5.0.0-beta.3 < 5.0.0", () => {
    const a = one(record([{ introduced: "5.0.0-alpha.1" }, { fixed: "5.0.0-beta.3" }]));
    assert.deepEqual(verdicts(a, ["4.17.1", "5.0.0-alpha.1", "5.0.0-beta.2", "5.0.0-beta.3", "5.0.0"]), ["unaffected", "affected", "affected", "unaffected", "unaffected"]);
    const b = one(record([{ introduced: "0" }, { fixed: "2.0.0-alpha" }]));
    assert.deepEqual(verdicts(b, ["1.9.9", "2.0.0-alpha", "2.0.0-0"]), ["affected", "unaffected", "affected"]);
  });

  test('a non-SemVer event version ("1.0") is coerced to 1.0.0', () => {
    const a = one(record([{ introduced: "1.0" }, { fixed: "3.1.1" }]));
    assert.deepEqual(verdicts(a, ["0.9.9", "1.0.0", "2.6.0"]), ["unaffected", "affected", "affected"]);
  });

  test("an explicit versions list matches exactly; an unparsable installed version matches nothing", () => {
    const a = one({ ...record([]), affected: [{ package: { ecosystem: "npm", name: "pkg" }, versions: ["1.2.3"] }] });
    assert.deepEqual(verdicts(a, ["1.2.3", "1.2.4", "github:user/pkg#abc"]), ["affected", "unaffected", "unaffected"]);
  });

  test("open-ended range outside GitHub's last known affected range is doubtful, not affected", () => {
    const raw = JSON.parse(readFileSync(path.join(DATA_SOURCES, "ghsa-osv", "GHSA-jj78-5fmv-mv28.json"), "utf8"));
    const a = one(raw, "express");
    assert.equal(advisoryVerdict(a, "4.17.1"), "doubtful");
    assert.equal(advisoryVerdict(a, "3.5.0"), "affected");
    // The osv.dev copy carries the fix event, so there it is simply not affected.
    const fixed = one(JSON.parse(readFileSync(path.join(DATA_SOURCES, "osv-dev-npm", "GHSA-jj78-5fmv-mv28.json"), "utf8")), "express");
    assert.equal(advisoryVerdict(fixed, "4.17.1"), "unaffected");
  });

  test('package names match without regard to case ("Axios" is axios)', () => {
    const { byPackage } = buildAdvisoryIndex([{ source: "x", text: readFileSync(path.join(DATA_SOURCES, "ghsa-osv", "GHSA-8hc4-vh64-cxmj.json"), "utf8") }]);
    assert.deepEqual([...byPackage.keys()], ["axios"]);
    assert.equal(advisoriesAffecting(storeFrom("ghsa-osv"), "axios", "1.7.3").some((m) => m.advisory.id === "GHSA-8hc4-vh64-cxmj"), true);
  });

  test("other ecosystems and non-SemVer range types are ignored", () => {
    const raw = { id: "PYSEC-1", modified: "2024-01-01T00:00:00Z", affected: [{ package: { ecosystem: "PyPI", name: "pkg" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }] };
    assert.equal(advisoriesFromOsv(raw).size, 0);
    const git = one({ ...record([]), affected: [{ package: { ecosystem: "npm", name: "pkg" }, ranges: [{ type: "GIT", repo: "x", events: [{ introduced: "0" }] }] }] });
    assert.equal(advisoryVerdict(git, "1.0.0"), "unaffected");
  });
});

describe("withdrawn records and aliases", () => {
  test("withdrawn advisories never apply", () => {
    const a = one(record([{ introduced: "0" }], { withdrawn: "2022-01-01T00:00:00Z" }));
    assert.deepEqual(advisoriesAffecting(sourceOf([a]), "pkg", "1.0.0"), []);
  });

  test("records that alias each other count once, the GHSA kept", () => {
    const ghsa = one(record([{ introduced: "0" }], { id: "GHSA-aaaa-bbbb-cccc", aliases: ["CVE-2024-1"] }));
    const other = one(record([{ introduced: "0" }], { id: "CVE-2024-1", aliases: ["GHSA-aaaa-bbbb-cccc"] }));
    assert.deepEqual(advisoriesAffecting(sourceOf([other, ghsa]), "pkg", "1.0.0").map((m) => m.advisory.id), ["GHSA-aaaa-bbbb-cccc"]);
  });
});

describe("severity", () => {
  test("CVSS v3 base scores match FIRST's calculator", () => {
    assert.equal(cvss3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
    assert.equal(cvss3BaseScore("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:H"), 7.1);
    assert.equal(cvss3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1);
    assert.equal(cvss3BaseScore("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N"), 0);
    assert.equal(cvss3BaseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"), undefined);
  });

  test("GitHub's rating wins, then the CVSS score, else medium", () => {
    const rated = one(record([], { database_specific: { severity: "MODERATE" }, severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }));
    assert.equal(rated.severity, "medium");
    const scored = one(record([], { severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }));
    assert.deepEqual([scored.severity, scored.score], ["critical", 9.8]);
    assert.equal(one(record([])).severity, "medium");
  });

  test("merging two copies of an advisory keeps the newer ranges and the older copy's rating", () => {
    const text = (dir: string) => readFileSync(path.join(DATA_SOURCES, dir, "GHSA-9c47-m6qq-7p4h.json"), "utf8");
    const { byPackage } = buildAdvisoryIndex([{ source: "a", text: text("osv-dev-npm") }, { source: "b", text: text("ghsa-osv") }]);
    const [merged] = byPackage.get("json5")!;
    assert.equal(merged!.severityFrom, "database");
    assert.equal(merged!.severity, "high");
  });
});

describe("upgrades", () => {
  const db = () => storeFrom("osv-dev-npm");
  test("the lowest version no advisory affects, within the caret range when one exists", () => {
    assert.deepEqual(upgradeFor(db(), "lodash", "4.17.15"), { version: "4.17.21", breaking: false });
    assert.deepEqual(upgradeFor(db(), "qs", "6.7.0"), { version: "6.7.3", breaking: false });
  });
  test("else the next clean version, marked breaking; nothing for a clean or unfixed package", () => {
    assert.deepEqual(upgradeFor(db(), "jsonwebtoken", "8.5.1"), { version: "9.0.0", breaking: true });
    assert.equal(upgradeFor(db(), "lodash", "4.17.21"), undefined);
    assert.equal(upgradeFor(db(), "ip", "2.0.1"), undefined);
  });
});
