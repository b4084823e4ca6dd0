/** Lockfile parsers: every format's shapes and edge cases, and broken files. */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseNpmLock } from "../../server/src/engine/deps/npm-lock";
import { parseYarnLock } from "../../server/src/engine/deps/yarn-lock";
import { parsePnpmLock, pnpmKeyParts } from "../../server/src/engine/deps/pnpm-lock";
import { chainsFrom, directIds, LockfileError, type DependencyGraph } from "../../server/src/engine/deps/graph";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { fixtureText } from "./helpers";

const versions = (g: DependencyGraph) => [...g.nodes.values()].map((n) => `${n.name}@${n.version}`).sort();
const chainNames = (g: DependencyGraph, id: string) =>
  chainsFrom(g, directIds(g)).get(id)?.map((i) => g.nodes.get(i)!.name);

describe("package-lock.json", () => {
  test("v1: nested dependencies, requires resolved the way node looks them up, flags, aliases", () => {
    const g = parseNpmLock(JSON.stringify({
      name: "app", lockfileVersion: 1, requires: true,
      dependencies: {
        express: { version: "4.17.1", requires: { cookie: "0.4.0", "body-parser": "1.19.0" }, dependencies: { cookie: { version: "0.4.0" } } },
        "body-parser": { version: "1.19.0", requires: { qs: "6.7.0" } },
        qs: { version: "6.7.0" },
        cookie: { version: "0.7.1" },
        jest: { version: "29.0.0", dev: true },
        fsevents: { version: "2.3.2", optional: true },
        "my-lodash": { version: "npm:lodash@4.17.15" },
      },
    }, null, 2));
    assert.equal(g.formatVersion, "1");
    assert.deepEqual(g.nodes.get("node_modules/express")!.dependencies, ["node_modules/express/node_modules/cookie", "node_modules/body-parser"]);
    assert.equal(g.nodes.get("node_modules/my-lodash")!.name, "lodash");
    assert.equal(g.nodes.get("node_modules/my-lodash")!.version, "4.17.15");
    assert.equal(g.nodes.get("node_modules/jest")!.dev, true);
    assert.equal(g.nodes.get("node_modules/fsevents")!.optional, true);
    assert.equal(g.resolveDirect("", "express", "^4.17.1"), "node_modules/express");
  });

  test("v3: workspaces, links to workspace folders, nested node_modules, dev and optional", () => {
    const g = parseNpmLock(JSON.stringify({
      name: "mono", lockfileVersion: 3, requires: true,
      packages: {
        "": { name: "mono", workspaces: ["packages/*"], dependencies: { express: "^4.17.1" }, devDependencies: { jest: "^29.0.0" } },
        "packages/api": { name: "@mono/api", version: "1.0.0", dependencies: { lodash: "4.17.15", "@mono/util": "*" } },
        "packages/util": { name: "@mono/util", version: "1.0.0" },
        "node_modules/@mono/api": { resolved: "packages/api", link: true },
        "node_modules/@mono/util": { resolved: "packages/util", link: true },
        "node_modules/express": { version: "4.17.1", dependencies: { cookie: "0.4.0" } },
        "node_modules/express/node_modules/cookie": { version: "0.4.0" },
        "node_modules/cookie": { version: "0.7.1" },
        "node_modules/lodash": { version: "4.17.15" },
        "node_modules/jest": { version: "29.0.0", dev: true },
        "node_modules/fsevents": { version: "2.3.2", dev: true, optional: true },
      },
    }));
    assert.deepEqual([...g.importers.keys()].sort(), ["", "packages/api", "packages/util"]);
    assert.equal(g.importers.get("packages/api")!.get("lodash"), "node_modules/lodash");
    assert.equal(g.importers.get("packages/api")!.get("@mono/util"), "packages/util");
    assert.equal(g.nodes.get("packages/util")!.local, true);
    assert.deepEqual(chainNames(g, "node_modules/express/node_modules/cookie"), ["express", "cookie"]);
    assert.equal(g.nodes.get("node_modules/jest")!.dev, true);
    assert.equal(g.nodes.get("node_modules/fsevents")!.optional, true);
  });

  test("the fixture app's lockfile: 116 packages, the nested cookie kept apart from the hoisted one", () => {
    const g = parseNpmLock(fixtureText("package-lock.json"));
    assert.equal(g.formatVersion, "3");
    assert.equal(g.nodes.size, 116);
    assert.equal(g.nodes.get("node_modules/express/node_modules/cookie")!.version, "0.4.0");
    assert.equal(g.nodes.get("node_modules/cookie")!.version, "0.7.1");
  });

  test("truncated, unsupported and mistyped files fail at the line that breaks", () => {
    const text = fixtureText("package-lock.json");
    const cut = text.slice(0, text.indexOf('"node_modules/express"') + 40);
    assert.throws(() => parseNpmLock(cut), (e: LockfileError) => e instanceof LockfileError && /end of file/.test(e.message) && e.offset === cut.length);
    assert.throws(() => parseNpmLock('{"lockfileVersion": 7, "packages": {}}'), /unsupported lockfileVersion 7/);
    assert.throws(() => parseNpmLock('{"lockfileVersion": 3, "packages": {"node_modules/a": 5}}'), /"node_modules\/a" is not an object/);
    assert.throws(() => parseNpmLock("[1, 2]"), /one JSON object/);
  });
});

describe("yarn.lock v1", () => {
  test("several ranges per entry, quoted scoped names, optional dependencies, comments", () => {
    const g = parseYarnLock(`# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"
  dependencies:
    "@babel/highlight" "^7.12.13"

"@babel/highlight@^7.12.13":
  version "7.13.10"

chokidar@^3.5.0:
  version "3.5.3"
  optionalDependencies:
    fsevents "~2.3.2"

fsevents@~2.3.2:
  version "2.3.2"
`);
    assert.equal(g.kind, "yarn-v1");
    assert.deepEqual(versions(g), ["@babel/code-frame@7.12.13", "@babel/highlight@7.13.10", "chokidar@3.5.3", "fsevents@2.3.2"]);
    assert.equal(g.resolveDirect("", "@babel/code-frame", "^7.10.4"), "@babel/code-frame@^7.0.0");
    assert.deepEqual(g.nodes.get("@babel/code-frame@^7.0.0")!.dependencies, ["@babel/highlight@^7.12.13"]);
    assert.equal(g.nodes.get("fsevents@~2.3.2")!.optional, true);
    assert.equal(g.importers.size, 0, "v1 does not record direct dependencies");
  });

  test("an entry cut off before its version, a stray indented line, bad indentation", () => {
    assert.throws(() => parseYarnLock("# yarn lockfile v1\n\nlodash@^4.17.15:\n  resolved \"x\"\n"), /"lodash@\^4\.17\.15" has no version/);
    assert.throws(() => parseYarnLock("  version \"1.0.0\"\n"), /outside any entry/);
    assert.throws(() => parseYarnLock("a@1:\n  version \"1\"\n   x \"y\"\n"), /unexpected indentation/);
    assert.throws(() => parseYarnLock('"a@1:\n  version "1"\n'), /unterminated string/);
  });
});

describe("yarn.lock Berry", () => {
  const berry = `# This file is generated by running "yarn install" inside your project.

__metadata:
  version: 8
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    express: "npm:^4.17.1"
    lodash: "npm:4.17.15"
  languageName: unknown
  linkType: soft

"express@npm:^4.17.1":
  version: 4.17.1
  resolution: "express@npm:4.17.1"
  dependencies:
    body-parser: "npm:1.19.0"
  checksum: 10c0/abc
  languageName: node
  linkType: hard

"body-parser@npm:1.19.0":
  version: 1.19.0
  resolution: "body-parser@npm:1.19.0"
  dependenciesMeta:
    fsevents:
      optional: true
  languageName: node
  linkType: hard

"lodash@npm:4.17.15, lodash@npm:^4.17.4":
  version: 4.17.15
  resolution: "lodash@npm:4.17.15"
  languageName: node
  linkType: hard
`;
  test("metadata, the workspace entry as importer, npm: descriptors, multi-descriptor keys", () => {
    const g = parseYarnLock(berry);
    assert.equal(g.kind, "yarn-berry");
    assert.equal(g.formatVersion, "8");
    assert.deepEqual([...g.importers.get("")!.keys()], ["express", "lodash"]);
    assert.equal(g.nodes.get("app@workspace:.")!.local, true);
    assert.equal(g.resolveDirect("", "lodash", "^4.17.4"), "lodash@npm:4.17.15");
    assert.deepEqual(chainNames(g, "body-parser@npm:1.19.0"), ["express", "body-parser"]);
  });
});

describe("pnpm-lock.yaml", () => {
  test("v9: packages and snapshots, peer suffixes, importers", () => {
    const g = parsePnpmLock(fixtureText("pnpm-lock.yaml"));
    assert.equal(g.formatVersion, "9.0");
    assert.equal(g.nodes.get("express@4.17.1")!.version, "4.17.1");
    assert.deepEqual(chainNames(g, "body-parser@1.19.0"), ["express", "body-parser"]);
    assert.equal(g.importers.get("")!.size, 26);
  });

  test("v6: /name@version keys, dev flags, workspace importers and links", () => {
    const g = parsePnpmLock(`lockfileVersion: '6.0'

importers:
  .:
    devDependencies:
      jest:
        specifier: ^29.0.0
        version: 29.0.0
  packages/api:
    dependencies:
      '@mono/util':
        specifier: workspace:*
        version: link:../util
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)

packages:
  /jest@29.0.0:
    resolution: {integrity: sha512-x}
    dev: true
  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-y}
    dependencies:
      react: 18.2.0
    dev: false
  /react@18.2.0:
    resolution: {integrity: sha512-z}
    dev: false
`);
    assert.equal(g.nodes.get("/jest@29.0.0")!.dev, true);
    assert.equal(g.importers.get("packages/api")!.get("react-dom"), "/react-dom@18.2.0(react@18.2.0)");
    assert.equal(g.importers.get("packages/api")!.has("@mono/util"), false, "links are workspace code, not registry packages");
    assert.deepEqual(g.nodes.get("/react-dom@18.2.0(react@18.2.0)")!.dependencies, ["/react@18.2.0"]);
  });

  test("key shapes of every version", () => {
    assert.deepEqual(pnpmKeyParts("/@babel/core/7.20.0_supports-color@8.1.1"), ["@babel/core", "7.20.0"]);
    assert.deepEqual(pnpmKeyParts("/@babel/core@7.20.0(supports-color@8.1.1)"), ["@babel/core", "7.20.0"]);
    assert.deepEqual(pnpmKeyParts("send@0.17.1"), ["send", "0.17.1"]);
  });

  test("invalid YAML and unsupported versions", () => {
    assert.throws(() => parsePnpmLock("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n"), LockfileError);
    assert.throws(() => parsePnpmLock("lockfileVersion: '3.9'\n"), /unsupported lockfileVersion/);
  });
});

describe("broken files in the pipeline", () => {
  const cases: [string, string, number][] = [
    ["package-lock.json", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {\n      "version": "1.0.0"\n', 5],
    ["yarn.lock", "# yarn lockfile v1\n\na@^1.0.0:\n  version \"1.0.0\"\n\nb@^2.0.0:\n  resolved \"https://x\"\n", 5],
    ["pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: [\n", 4],
    ["package.json", '{ "dependencies": { "lodash": "4.17.15", } "x" }', 0],
  ];
  for (const [name, text, line] of cases) {
    test(`${name}: one parse-error notice at the failing line, no exception`, () => {
      const findings = analyzeFile({ path: `/project/${name}`, text }, { settings: DEFAULT_SETTINGS });
      const errors = findings.filter((f) => f.ruleId === "vigil/parse-error");
      assert.equal(errors.length, 1, JSON.stringify(findings.map((f) => f.message)));
      assert.equal(errors[0]!.range.start.line, line);
      assert.match(errors[0]!.message, /dependencies were not checked/);
    });
  }
});
