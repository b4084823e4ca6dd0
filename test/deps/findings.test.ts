/** What a dependency finding says and offers: reachability, severity, fixes in package.json, fingerprints. */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { applyOffsetEdits, LineIndex } from "../../server/src/engine/text";
import type { Finding, Fix } from "../../server/src/engine/finding";
import { depFindings, project, removeDir, snapshot } from "./helpers";

const lock = (deps: Record<string, string>, packages: Record<string, object>) =>
  JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages: { "": { name: "app", dependencies: deps }, ...packages } }, null, 2);

const MANIFEST = `{
  "name": "app",
  "version": "1.0.0",
  "dependencies": {
    "express": "^4.17.1",
    "lodash": "^4.17.15",
    "minimist": "~1.2.5"
  }
}
`;
const LOCK = lock({ express: "^4.17.1", lodash: "^4.17.15", minimist: "~1.2.5" }, {
  "node_modules/express": { version: "4.17.1", dependencies: { "body-parser": "1.19.0" } },
  "node_modules/body-parser": { version: "1.19.0", dependencies: { qs: "6.7.0" } },
  "node_modules/qs": { version: "6.7.0" },
  "node_modules/lodash": { version: "4.17.15" },
  "node_modules/minimist": { version: "1.2.0" },
});

function applyFix(dir: string, fix: Fix, file: string): string {
  const text = readFileSync(path.join(dir, file), "utf8");
  const lines = new LineIndex(text);
  return applyOffsetEdits(text, fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
}

function scan(files: Record<string, string>, check: (dir: string, findings: Finding[]) => void, which = ["package.json", "package-lock.json"]): void {
  const dir = project(files);
  try {
    check(dir, depFindings(dir, which, snapshot()));
  } finally {
    removeDir(dir);
  }
}
const find = (fs: Finding[], subject: string) => fs.find((f) => f.subject === subject)!;

describe("reachability", () => {
  const sources = {
    "src/app.ts": 'import _ from "lodash";\nimport express from "express";\n\nexport const page = _.template("<p><%= name %></p>");\n',
    "src/cli.js": "// parses flags\nconst args = require('minimist')(process.argv.slice(2));\n",
  };
  test("a call to a function the advisory names raises confidence and points at the call", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK, ...sources }, (dir, fs) => {
      const f = find(fs, "GHSA-35jh-r3h4-6jhm lodash@4.17.15");
      assert.equal(f.confidence, "high");
      assert.equal(f.severity, "high", "severity as the advisory rates it");
      assert.match(f.message, /The project calls template\(\), which the advisory names, at src\/app\.ts:4\./);
      assert.deepEqual(f.trace!.map((s) => [path.relative(dir, s.path!), s.range.start.line]), [["src/app.ts", 0], ["src/app.ts", 3]]);
    });
  });
  test("an import alone is named; a transitive package is reachable through the direct one that pulls it in", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK, ...sources }, (_dir, fs) => {
      const pollution = find(fs, "GHSA-29mw-wpgm-hmr9 lodash@4.17.15");
      assert.equal(pollution.confidence, "medium");
      assert.match(pollution.message, /Imported in src\/app\.ts:1\./);
      const qs = find(fs, "GHSA-hrpp-h998-j3pp qs@6.7.0");
      assert.match(qs.message, /pulled in by express@4\.17\.1 -> body-parser@1\.19\.0 -> qs@6\.7\.0, .* express, which pulls it in, is imported in src\/app\.ts:2\./);
      assert.equal(qs.severity, "high");
      // `require("minimist")(...)`: the advisory names the module itself as the affected function.
      assert.match(find(fs, "GHSA-vh95-rmgr-6w4m minimist@1.2.0").message, /calls minimist, which the advisory names, at src\/cli\.js:2/);
    });
  });
  test("nothing imports it: said, and the severity drops one step", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK }, (_dir, fs) => {
      const f = find(fs, "GHSA-xvch-5gv4-984h minimist@1.2.0");
      assert.equal(f.severity, "high", "critical, one step lower");
      assert.match(f.message, /Nothing in the project's source imports it, so it is rated one step lower\./);
      assert.match(find(fs, "GHSA-hrpp-h998-j3pp qs@6.7.0").message, /imports it \(nor express, which pulls it in\)/);
    });
  });
});

describe("fixes", () => {
  test("a direct dependency's range is rewritten in place, keeping ^ and ~", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK }, (dir, fs) => {
      const lodash = find(fs, "GHSA-35jh-r3h4-6jhm lodash@4.17.15").fixes[0]!;
      assert.equal(lodash.isPreferred, true);
      assert.match(lodash.title, /Upgrade lodash to 4\.17\.21, then run your package manager's install/);
      assert.match(applyFix(dir, lodash, "package.json"), /"lodash": "\^4\.17\.21"/);
      assert.match(applyFix(dir, find(fs, "GHSA-xvch-5gv4-984h minimist@1.2.0").fixes[0]!, "package.json"), /"minimist": "~1\.2\.6"/);
    });
  });
  test("a fix that needs a new major version is a suggestion, never preferred", () => {
    const manifest = '{\n  "dependencies": {\n    "jsonwebtoken": "^8.5.1"\n  }\n}\n';
    scan({ "package.json": manifest, "package-lock.json": lock({ jsonwebtoken: "^8.5.1" }, { "node_modules/jsonwebtoken": { version: "8.5.1" } }) }, (_d, fs) => {
      const fix = fs[0]!.fixes[0]!;
      assert.equal(fix.isPreferred, false);
      assert.match(fix.title, /Upgrade jsonwebtoken to 9\.0\.0 \(a new major version: check its breaking changes\)/);
    });
  });
  test("npm: a transitive dependency is pinned with an overrides entry that selects the vulnerable version", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK }, (dir, fs) => {
      const fix = find(fs, "GHSA-hrpp-h998-j3pp qs@6.7.0").fixes[0]!;
      assert.equal(fix.edits[0]!.path, path.join(dir, "package.json"));
      assert.equal(fix.isPreferred, true);
      const after = JSON.parse(applyFix(dir, fix, "package.json"));
      assert.deepEqual(after.overrides, { "qs@6.7.0": "^6.7.3" });
      assert.equal(after.dependencies.lodash, "^4.17.15", "nothing else changes");
    });
  });
  test("npm: an existing overrides object gains a member", () => {
    const manifest = MANIFEST.replace('  "dependencies"', '  "overrides": {\n    "semver": "^7.5.2"\n  },\n  "dependencies"');
    scan({ "package.json": manifest, "package-lock.json": LOCK }, (dir, fs) => {
      const text = applyFix(dir, find(fs, "GHSA-qwcr-r2fm-qrc7 body-parser@1.19.0").fixes[0]!, "package.json");
      assert.match(text, /"overrides": \{\n {4}"semver": "\^7\.5\.2",\n {4}"body-parser@1\.19\.0": "\^1\.20\.3"\n {2}\}/);
    });
  });
  test("pnpm: pnpm.overrides; yarn: resolutions, offered as a suggestion", () => {
    const pnpm = `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      express:\n        specifier: ^4.17.1\n        version: 4.17.1\n\npackages:\n\n  express@4.17.1:\n    resolution: {integrity: sha512-x}\n\n  qs@6.7.0:\n    resolution: {integrity: sha512-y}\n\nsnapshots:\n\n  express@4.17.1:\n    dependencies:\n      qs: 6.7.0\n\n  qs@6.7.0: {}\n`;
    const manifest = '{\n  "dependencies": {\n    "express": "^4.17.1"\n  }\n}\n';
    scan({ "package.json": manifest, "pnpm-lock.yaml": pnpm }, (dir, fs) => {
      const after = JSON.parse(applyFix(dir, find(fs, "GHSA-hrpp-h998-j3pp qs@6.7.0").fixes[0]!, "package.json"));
      assert.deepEqual(after.pnpm, { overrides: { "qs@6.7.0": "^6.7.3" } });
    }, ["pnpm-lock.yaml"]);
    const yarn = '# yarn lockfile v1\n\n\nexpress@^4.17.1:\n  version "4.17.1"\n  dependencies:\n    qs "6.7.0"\n\nqs@6.7.0:\n  version "6.7.0"\n';
    scan({ "package.json": manifest, "yarn.lock": yarn }, (dir, fs) => {
      const fix = find(fs, "GHSA-hrpp-h998-j3pp qs@6.7.0").fixes[0]!;
      assert.equal(fix.isPreferred, false);
      assert.deepEqual(JSON.parse(applyFix(dir, fix, "package.json")).resolutions, { "**/qs": "^6.7.3" });
    }, ["yarn.lock"]);
  });
});

describe("findings", () => {
  test("each advisory on one line is its own finding with its own fingerprint and a link to the advisory", () => {
    scan({ "package.json": MANIFEST, "package-lock.json": LOCK }, (_dir, fs) => {
      const lodash = fs.filter((f) => f.subject?.includes("lodash@"));
      assert.equal(lodash.length, 3);
      assert.equal(new Set(lodash.map((f) => f.fingerprint)).size, 3);
      assert.equal(new Set(lodash.map((f) => f.range.start.line)).size, 1);
      assert.deepEqual(lodash.map((f) => f.references![0]!.url).sort(), lodash.map((f) => `https://github.com/advisories/${f.subject!.split(" ")[0]}`).sort());
      assert.match(lodash[0]!.message, /^lodash@4\.17\.15 is affected by GHSA-[\w-]+(, CVE-\d+-\d+)* \((critical|high|medium|low)\): .+\. Fixed in 4\.17\.21\./);
    });
  });
  test("a workspace package.json uses the root lockfile with its own folder as importer", () => {
    const root = '{ "name": "mono", "workspaces": ["packages/*"] }';
    const api = '{\n  "name": "@mono/api",\n  "dependencies": {\n    "lodash": "^4.17.0"\n  }\n}\n';
    const mono = JSON.stringify({ name: "mono", lockfileVersion: 3, packages: {
      "": { name: "mono", workspaces: ["packages/*"] },
      "packages/api": { name: "@mono/api", dependencies: { lodash: "^4.17.0" } },
      "node_modules/@mono/api": { resolved: "packages/api", link: true },
      "packages/api/node_modules/lodash": { version: "4.17.15" },
      "node_modules/lodash": { version: "4.17.21" },
    } }, null, 2);
    scan({ "package.json": root, "package-lock.json": mono, "packages/api/package.json": api }, (_dir, fs) => {
      assert.deepEqual(fs.map((f) => [path.basename(path.dirname(f.path)), f.range.start.line, f.subject!.split(" ")[1]]).filter((x) => x[0] === "api").length, 3);
      assert.equal(fs.filter((f) => f.path.endsWith("package-lock.json")).length, 0, "the workspace's direct dependency lands on its own package.json");
    }, ["package.json", "package-lock.json", "packages/api/package.json"]);
  });
});
