/**
 * A syntax tree must not outlive its file's analysis: a finding, fix or module slot that holds a
 * node holds its whole tree, and a scan's memory would grow with the workspace. Trees are counted
 * on the heap itself (v8.queryObjects runs a full collection first) while every result is still
 * held. (Trees held only until the next young collection do not show here; the benchmark's
 * figures watch those.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import ts from "typescript";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { keepDocumentTree, releaseDocumentTree } from "../../server/src/engine/js/native/document-trees";
import { keptTrees } from "../../server/src/engine/js/native/parse";
import { cachedModuleTrees } from "../../server/src/engine/js/taint/modules";
import { ProjectWriter, generatedProject, scanAll, tempDir } from "./incremental-project";

process.removeAllListeners("warning"); // queryObjects is "experimental" and says so on every call

/** The class of TypeScript's trees, taken from one (the parser's allocator is internal API). */
const SOURCE_FILE = (Object.getPrototypeOf(ts.createSourceFile("probe.ts", "", ts.ScriptTarget.Latest)) as object).constructor as new () => ts.SourceFile;
const liveTrees = (): number => v8.queryObjects(SOURCE_FILE, { format: "count" }) as number;

test("a workspace scan keeps no file's tree once the file is analysed, only the few kept on purpose", async () => {
  const dir = tempDir("vigil-retention-");
  const files = generatedProject(60);
  new ProjectWriter(dir).writeAll(files);
  const before = liveTrees();
  const results = await scanAll([dir], { jobs: 1 });
  // One more file that taint reads, then a one-line file that takes the current-file slot: the
  // scan's trees, and that file's, are no longer held there.
  const settings = { ...DEFAULT_SETTINGS, analysisTimeout: 0 };
  const route = 'require("express")().get("/", (req, res) => res.send(eval(req.query.x)));\n';
  assert.ok(analyzeFile({ path: path.join(dir, "route.js"), text: route }, { settings }).some((f) => f.ruleId === "js/code-injection-taint"));
  analyzeFile({ path: path.join(dir, "last.js"), text: "1;\n" }, { settings });
  const findings = results.flatMap((r) => r.findings);
  // The scan exercised rules, taint across files and fixes, whose findings must not hold nodes.
  for (const id of ["js/sql-injection", "js/command-injection", "js/dom-xss"]) assert.ok(findings.some((f) => f.ruleId === id), id);
  assert.ok(findings.some((f) => (f.fixes?.length ?? 0) > 0), "some finding carries a fix");
  const jsFiles = Object.keys(files).filter((f) => /\.[cm]?[jt]sx?$/.test(f)).length;
  // Trees kept on purpose, each bounded: modules read for taint (the parser's recent trees and the
  // taint module cache, which share some) and the current file's slot. Nothing per file.
  const allowed = new Set([...keptTrees(), ...cachedModuleTrees()]).size + 1;
  const grown = liveTrees() - before;
  assert.ok(grown <= allowed, `${grown} trees outlived a scan of ${jsFiles} JS files (at most ${allowed} expected)`);
  assert.ok(results.length > 0); // the results stay reachable up to the count above
});

test("an open document keeps one tree however often it is edited, and none once closed", () => {
  const file = path.join(path.parse(__dirname).root, "vigil-retention", "order-service.ts");
  const base = readFileSync(path.join(__dirname, "..", "..", "bench", "fixtures", "order-service.ts"), "utf8");
  const other = { path: path.join(path.dirname(file), "other.js"), text: "const x = require('child_process').exec(process.argv[2]);\n" };
  const context = { settings: { ...DEFAULT_SETTINGS, analysisTimeout: 0 } };
  analyzeFile(other, context); // the current-file slot now holds a tree not counted against the document
  const before = liveTrees();
  keepDocumentTree(file);
  try {
    const kept: unknown[] = [];
    for (let edit = 0; edit < 20; edit++) {
      const text = base.replace("export", `/* edit ${edit} */ export`);
      kept.push(analyzeFile({ path: file, text }, context));
    }
    // Its own tree, which the current-file slot holds instead of the other file's.
    assert.equal(liveTrees() - before, 0, "trees held for one open document after 20 edits, beyond the one in the slot");
    assert.equal(kept.length, 20);
  } finally {
    releaseDocumentTree(file);
  }
  analyzeFile(other, context); // the slot moves on
  assert.equal(liveTrees() - before, 0, "trees left after the document closed");
});
