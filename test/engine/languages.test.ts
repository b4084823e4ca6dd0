import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";

const settings = DEFAULT_SETTINGS;
const bad = "const agent = { rejectUnauthorized: false };\n";

test("every JS/TS extension is parsed and analysed, with JSX and TS syntax", () => {
  const samples: Record<string, string> = {
    "a.js": bad,
    "a.mjs": `export ${bad}`,
    "a.cjs": `module.exports = 1;\n${bad}`,
    "a.jsx": `const el = <div className="x" />;\n${bad}`,
    "a.ts": `const n: number = 1;\n${bad}`,
    "a.mts": `export type T = { a: string };\n${bad}`,
    "a.cts": `import fs = require("fs");\n${bad}`,
    "a.tsx": `const el = <T,>(x: T) => <div>{String(x)}</div>;\n${bad}`,
  };
  for (const [file, text] of Object.entries(samples)) {
    const findings = analyzeFile({ path: `/project/${file}`, text }, { settings });
    assert.deepEqual(findings.map((f) => f.ruleId), ["js/tls-verification-disabled"], file);
  }
});

test("declaration files and unknown extensions are not analysed", () => {
  assert.deepEqual(analyzeFile({ path: "/p/a.d.ts", text: bad }, { settings }), []);
  assert.deepEqual(analyzeFile({ path: "/p/a.txt", text: bad }, { settings }), []);
});

test("a syntax error yields one parse-error notice at the parser's position", () => {
  const findings = analyzeFile({ path: "/p/a.ts", text: "let x = ;\nconst y = 2;\n" }, { settings });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.ruleId, "vigil/parse-error");
  assert.equal(findings[0]!.severity, "info");
  assert.deepEqual(findings[0]!.range.start, { line: 0, character: 8 });
});

test("ESLint disable comments do not silence Vigil", () => {
  const text = `// eslint-disable-next-line\nconst a = { rejectUnauthorized: false }; // eslint-disable-line\n/* eslint-disable */\nconst b = { rejectUnauthorized: false };\n`;
  const findings = analyzeFile({ path: "/p/a.js", text }, { settings });
  assert.equal(findings.filter((f) => f.ruleId === "js/tls-verification-disabled").length, 2);
});

test("fingerprints survive unrelated edits above the finding", () => {
  const before = analyzeFile({ path: "/p/a.js", text: bad }, { settings });
  const after = analyzeFile({ path: "/p/a.js", text: `// a comment\nconst unrelated = 1;\n\n${bad}` }, { settings });
  assert.equal(before[0]!.fingerprint, after[0]!.fingerprint);
  assert.notEqual(before[0]!.range.start.line, after[0]!.range.start.line);
});

test("a suppression comment cannot hide a tool notice", () => {
  const findings = analyzeFile({ path: "/p/a.ts", text: "// vigil-ignore-next-line -- everything\nlet x = ;\n" }, { settings });
  assert.deepEqual(findings.map((f) => [f.ruleId, !!f.suppression]), [["vigil/parse-error", false]]);
});

test("CommonJS globals count as static for eslint-plugin-security", () => {
  const text = `const fs = require("fs");\nconst path = require("path");\nfs.readFileSync(path.join(__dirname, "data.json"));\n`;
  const findings = analyzeFile({ path: "/p/a.js", text }, { settings });
  assert.deepEqual(findings.filter((f) => f.ruleId === "security/detect-non-literal-fs-filename"), []);
});
