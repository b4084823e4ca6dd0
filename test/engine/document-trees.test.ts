import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { analyzeFile } from "../../server/src/engine/analyze";
import type { ProjectFacts } from "../../server/src/engine/analyzer";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { changeRange, documentTree, keepDocumentTree, keepsDocumentTree, releaseDocumentTree } from "../../server/src/engine/js/native/document-trees";
import { parseSource, scriptKindOf, treeOf } from "../../server/src/engine/js/native/parse";

const REPO = path.join(__dirname, "..", "..");
/** The open document lives under one root, its fresh twin under another: findings differ only by that prefix. */
const OPEN = path.join(path.parse(REPO).root, "vigil-open");
const FRESH = path.join(path.parse(REPO).root, "vigil-fresh");
// No time budget: a slow machine must not time out one analysis and not its twin.
const SETTINGS = { ...DEFAULT_SETTINGS, analysisTimeout: 0 };

const LIB = 'const { exec } = require("child_process");\nmodule.exports = (cmd) => exec("git " + cmd);\n';
const ROUTES = [
  'const express = require("express");',
  'const run = require("./lib");',
  'const child_process = require("child_process");',
  "const app = express();",
  'app.post("/x", (req, res) => {',
  "  const userInput = req.body.cmd;",
  "  run(userInput);",
  "  res.send(String(userInput).length);",
  "});",
  "",
].join("\n");

const read = (file: string) => readFileSync(path.join(REPO, file), "utf8");

/** Realistic files: a large TS service, rule cases in JS and TSX, static paths, a route importing a module. */
const FILES: { name: string; text: string; runs: number }[] = [
  { name: "src/order-service.ts", text: read("bench/fixtures/order-service.ts"), runs: 12 },
  { name: "src/command-injection.js", text: read("rules/js/command-injection.cases.js"), runs: 60 },
  { name: "src/code-injection.js", text: read("rules/js/code-injection.cases.js"), runs: 40 },
  { name: "src/preview.tsx", text: read("rules/js/dom-xss.cases.tsx"), runs: 40 },
  { name: "src/static-paths.ts", text: read("test/fixtures/security-parity/imports-and-static-paths.ts"), runs: 40 },
  { name: "src/routes.js", text: ROUTES, runs: 60 },
];

/** Other files of the project, read by taint for imports: the same module beside each twin. */
function projectUnder(root: string, files: Record<string, string>): ProjectFacts {
  return {
    readFile: (file) => (file.startsWith(root + path.sep) ? files[path.relative(root, file).split(path.sep).join("/")] : undefined),
    importsOf: () => [],
  };
}

function findingsOf(root: string, name: string, text: string, others: Record<string, string> = { "src/lib.js": LIB }): string {
  const findings = analyzeFile({ path: path.join(root, name), text }, { settings: SETTINGS, project: projectUnder(root, others) });
  return JSON.stringify(findings).split(JSON.stringify(root).slice(1, -1)).join("<root>");
}

/** Insertions that make and unmake syntax errors, and that add insecure calls. */
const SNIPPETS = [
  "eval(req.query.x);\n",
  "child_process.exec(userInput);\n",
  'require("child_process").exec(req.body.cmd);\n',
  "fs.readFileSync(req.params.p);\n",
  "new RegExp(req.query.r);\n",
  "res.send(req.query.q);\n",
  "function f(req, res) {\n",
  "const x = ",
  "if (a) ",
  "{",
  "}",
  "(",
  ")",
  '"',
  "'",
  "`",
  "${",
  "/*",
  "*/",
  "//",
  "<div>",
  "</div>",
  "=>",
  ";",
  "\n",
  "\r\n",
  "await ",
  "\u00e9\u{1F600}",
];

/** Whole lines, so that most line edits leave the file parsing and the incremental parse is kept. */
const STATEMENTS = [
  "eval(req.query.x);",
  "child_process.exec(userInput);",
  'const out = require("child_process").execSync(`ls ${req.query.dir}`);',
  'res.setHeader("Location", req.query.next);',
  "const re = new RegExp(req.query.r);",
  "// a comment",
  "let total = items.reduce((a, b) => a + b, 0);",
  "if (user) { eval(user.code); }",
  'const s = "an \\"escaped\\" string";',
];

type Edit =
  | { kind: "splice"; at: number; remove: number; insert: string }
  | { kind: "lines"; at: number; remove: number; insert: string[] }
  | { kind: "copy"; from: number; to: number; length: number }
  | { kind: "revert" };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("splice" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 200 })), insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 }), fc.constant("")) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("lines" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 3 }), insert: fc.array(fc.constantFrom(...STATEMENTS), { maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("copy" as const), from: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 120 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "revert" as const }) },
);

function apply(text: string, original: string, e: Edit): string {
  if (e.kind === "revert") return original;
  if (e.kind === "copy") {
    const from = Math.floor(e.from * text.length);
    const to = Math.floor(e.to * text.length);
    return text.slice(0, to) + text.slice(from, from + e.length) + text.slice(to);
  }
  if (e.kind === "lines") {
    const lines = text.split("\n");
    const at = Math.floor(e.at * lines.length);
    lines.splice(at, e.remove, ...e.insert);
    return lines.join("\n");
  }
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

for (const file of FILES) {
  test(`${file.name}: after every edit, the incrementally updated tree finds what a fresh parse finds`, () => {
    const openPath = path.join(OPEN, file.name);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        keepDocumentTree(openPath);
        try {
          let text = file.text;
          assert.equal(findingsOf(OPEN, file.name, text), findingsOf(FRESH, file.name, text));
          for (const e of edits) {
            text = apply(text, file.text, e);
            assert.equal(findingsOf(OPEN, file.name, text), findingsOf(FRESH, file.name, text));
          }
        } finally {
          releaseDocumentTree(openPath);
        }
      }),
      { numRuns: file.runs },
    );
  });
}

test("an open document imported by another open document: each finds what fresh parses find", () => {
  const files = { "src/lib.js": LIB, "src/routes.js": ROUTES };
  const names = Object.keys(files) as (keyof typeof files)[];
  const paths = names.map((name) => path.join(OPEN, name));
  fc.assert(
    // Each step edits one file and analyses it, and maybe the other, in either order: the module
    // cache then holds an analysis of one text while the open document's tree moves on and back.
    fc.property(fc.array(fc.tuple(fc.constantFrom(...names), edit, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 12 }), (steps) => {
      paths.forEach(keepDocumentTree);
      try {
        const texts: Record<string, string> = { ...files };
        for (const [name, e, both, otherFirst] of steps) {
          texts[name] = apply(texts[name]!, files[name], e);
          const other = names.find((n) => n !== name)!;
          const analysed = both ? (otherFirst ? [other, name] : [name, other]) : [name];
          for (const n of analysed) assert.equal(findingsOf(OPEN, n, texts[n]!, texts), findingsOf(FRESH, n, texts[n]!, texts), n);
        }
      } finally {
        paths.forEach(releaseDocumentTree);
      }
    }),
    { numRuns: 80 },
  );
});

test("an open document's tree is not the one other analyses share by path (taint reads imported modules from those)", () => {
  const file = path.join(OPEN, "src", "shared.js");
  keepDocumentTree(file);
  try {
    analyzeFile({ path: file, text: LIB }, { settings: SETTINGS });
    const kept = documentTree(file, LIB, scriptKindOf(file), () => assert.fail("the kept tree is reused"))!;
    assert.notEqual(treeOf(file, LIB), kept);
  } finally {
    releaseDocumentTree(file);
  }
});

test("the change range spans exactly what differs between two texts", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (prefix, removed, inserted, suffix) => {
      const before = prefix + removed + suffix;
      const after = prefix + inserted + suffix;
      const range = changeRange(before, after);
      const rebuilt = before.slice(0, range.span.start) + after.slice(range.span.start, range.span.start + range.newLength) + before.slice(range.span.start + range.span.length);
      assert.equal(rebuilt, after);
      // No wider than the edit that was made: common text at either end is left out.
      assert.ok(range.span.length <= removed.length && range.newLength <= inserted.length);
    }),
  );
});

test("only registered paths keep a tree; an unchanged text gets the same tree, a changed one a new tree, a closed document none", () => {
  const file = path.join(OPEN, "kept.ts");
  const parse = (text: string) => () => parseSource(file, text);
  const kind = scriptKindOf(file);
  assert.equal(documentTree(file, "a();", kind, parse("a();")), undefined);
  keepDocumentTree(file);
  assert.ok(keepsDocumentTree(file));
  const first = documentTree(file, "a();\nb();\n", kind, parse("a();\nb();\n"))!;
  assert.equal(documentTree(file, "a();\nb();\n", kind, parse("a();\nb();\n")), first);
  const second = documentTree(file, "a();\nc();\nb();\n", kind, parse("a();\nc();\nb();\n"))!;
  assert.notEqual(second, first);
  assert.equal(second.text, "a();\nc();\nb();\n");
  assert.deepEqual(
    second.statements.map((s) => s.getText(second)),
    ["a();", "c();", "b();"],
  );
  // Another script kind for the same path is parsed afresh, not updated.
  const jsx = documentTree(file, "a();\n", ts.ScriptKind.TSX, parse("a();\n"))!;
  assert.notEqual(jsx, second);
  releaseDocumentTree(file);
  assert.ok(!keepsDocumentTree(file));
  assert.equal(documentTree(file, "a();", kind, parse("a();")), undefined);
});
