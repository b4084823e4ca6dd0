import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { analyzeFile, type AnalysisContext } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { applyFixes } from "../../server/src/engine/fixes";
import { mayHaveSources } from "../../server/src/engine/js/taint";
import { isSourceFree } from "../../server/src/engine/js/taint/source-triggers";
import type { Finding } from "../../server/src/engine/finding";

const ROOT = path.join(path.sep, "project", "src");
const at = (name: string) => path.join(ROOT, name);

/** A project held in memory: the provider analyzeFile reads imports through. */
function project(files: Record<string, string>): AnalysisContext {
  return {
    settings: DEFAULT_SETTINGS,
    project: { readFile: (p) => files[path.relative(ROOT, p)], importsOf: () => [] },
  };
}

function taint(name: string, files: Record<string, string>, context = project(files)): Finding[] {
  return analyzeFile({ path: at(name), text: files[name]! }, context).filter((f) => f.ruleId.startsWith("js/") && f.trace);
}

const ROUTE = `
import express from "express";
import { findUser } from "./db";
const app = express();
app.get("/u", async (req, res) => {
  const name = req.query.name;
  res.json(await findUser(name));
});
`;
const DB_UNSAFE = `
import { Pool } from "pg";
const pool = new Pool();
export function findUser(name) {
  return pool.query("SELECT * FROM users WHERE name = '" + name + "'");
}
`;
const DB_SAFE = `
import { Pool } from "pg";
const pool = new Pool();
export function findUser(name) {
  return pool.query("SELECT * FROM users WHERE name = $1", [name]);
}
`;

describe("cross-file flows", () => {
  test("a request field passed to an imported function that builds SQL is reported at the call, with the path", () => {
    const [f, ...rest] = taint("routes.js", { "routes.js": ROUTE, "db.js": DB_UNSAFE });
    assert.equal(rest.length, 0);
    assert.equal(f!.ruleId, "js/sql-injection");
    assert.equal(f!.range.start.line, 6);
    assert.equal(f!.message, "`req.query.name` (line 6) reaches a SQL query in `findUser` (db.js).");
    assert.equal(f!.trace![0]!.message, "Source: `req.query.name`");
    const last = f!.trace![f!.trace!.length - 1]!;
    assert.equal(last.path, at("db.js"));
    assert.equal(last.range.start.line, 4);
    assert.deepEqual(f!.fixes, [], "no fix is offered at a call site in another file");
  });

  test("summaries follow the imported file's content: a fix there clears the finding, undoing it brings it back", () => {
    const files = { "routes.js": ROUTE, "db.js": DB_UNSAFE };
    assert.equal(taint("routes.js", files).length, 1);
    files["db.js"] = DB_SAFE;
    assert.equal(taint("routes.js", files).length, 0);
    files["db.js"] = DB_UNSAFE;
    assert.equal(taint("routes.js", files).length, 1);
  });

  test("a change two imports away invalidates the summary in between", () => {
    const files: Record<string, string> = {
      "routes.js": ROUTE,
      "db.js": `const q = require("./sql");\nexports.findUser = (name) => q.run("SELECT * FROM users WHERE name = '" + name + "'");\n`,
      "sql.js": `const { Pool } = require("pg");\nconst pool = new Pool();\nexports.run = (text) => pool.query(text);\n`,
    };
    assert.equal(taint("routes.js", files).length, 1);
    files["sql.js"] = `exports.run = (text) => console.log(text);\n`;
    assert.equal(taint("routes.js", files).length, 0);
  });

  test("CommonJS: module.exports objects and functions, require of a folder's index", () => {
    const files = {
      "app.js": `const run = require("./lib");\nconst { build } = require("./lib/build");\napp.post("/x", (req, res) => { run(build(req.body.cmd)); });\n`,
      "lib/index.js": `const { exec } = require("child_process");\nmodule.exports = function run(cmd) { exec(cmd); };\n`,
      "lib/build.js": `module.exports = { build: (c) => "git " + c };\n`,
    };
    const found = taint("app.js", files);
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.start.line]), [["js/command-injection", 2]]);
  });

  test("without a file provider each file stands alone; import cycles end", () => {
    assert.equal(taint("routes.js", { "routes.js": ROUTE }, { settings: DEFAULT_SETTINGS }).length, 0);
    const cyclic = {
      "a.js": `import { b } from "./b";\nexport function a(x) { return b(x); }\napp.get("/", (req, res) => res.send(a(req.query.x)));\n`,
      "b.js": `import { a } from "./a";\nexport function b(x) { return x ? a(x) : "<p>" + x; }\n`,
    };
    assert.equal(taint("a.js", cyclic).length, 1);
  });

  test("a helper given nothing tainted still returns the sources of its module and of the modules it imports", () => {
    const route = (helper: string) => `import { name } from "./${helper}";\napp.get("/", (req, res) => { eval(name()); res.end(); });\n`;
    const files: Record<string, string> = {
      "own.js": route("hash"),
      "hash.js": `export function name() { return window.location.hash.slice(1); }\n`,
      "through.js": route("named"),
      "named.js": `import { fragment } from "./fragment";\nexport function name() { return "x" + fragment(); }\n`,
      "fragment.js": `export function fragment() { return window.location.hash; }\n`,
      "fixed.js": route("constant"),
      "constant.js": `export function name() { return "1 + 1"; }\n`,
    };
    assert.deepEqual(taint("own.js", files).map((f) => f.ruleId), ["js/code-injection-taint"]);
    assert.deepEqual(taint("through.js", files).map((f) => f.ruleId), ["js/code-injection-taint"], "named.js names no source, but imports one");
    assert.deepEqual(taint("fixed.js", files), []);
  });
});

describe("findings", () => {
  const handler = `const { Pool } = require("pg");
const pool = new Pool();
app.get("/u", (req, res) => {
  pool.query("SELECT * FROM users WHERE id = " + req.params.id + " AND org = '" + req.query.org + "'");
});
`;
  test("pg queries get numbered parameters, and the fixed code scans clean", () => {
    const [f] = taint("u.js", { "u.js": handler });
    const fixed = applyFixes(handler, [f!]);
    assert.match(fixed, /pool\.query\("SELECT \* FROM users WHERE id = \$1 AND org = \$2", \[req\.params\.id, req\.query\.org\]\)/);
    assert.equal(taint("u.js", { "u.js": fixed }).length, 0);
  });

  test("a value inside a quoted SQL string is not rewritten", () => {
    const text = `const mysql = require("mysql");\nconst db = mysql.createConnection({});\napp.get("/s", (req, res) => db.query("SELECT * FROM t WHERE name LIKE '%" + req.query.q + "%'"));\n`;
    const [f] = taint("s.js", { "s.js": text });
    assert.equal(f!.ruleId, "js/sql-injection");
    assert.deepEqual(f!.fixes, []);
  });

  test("fingerprints survive edits elsewhere in the file", () => {
    const before = taint("u.js", { "u.js": handler })[0]!.fingerprint;
    const edited = `// Users API\nconst unrelated = 1;\n\n${handler}`;
    const after = taint("u.js", { "u.js": edited })[0]!;
    assert.equal(after.range.start.line, 6);
    assert.equal(after.fingerprint, before);
  });

  test("a taint finding replaces the pattern rule's finding at the same eval", () => {
    const text = `app.get("/c", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n`;
    const all = analyzeFile({ path: at("c.js"), text }, { settings: DEFAULT_SETTINGS });
    const atEval = all.filter((f) => f.range.start.line === 1 && f.cwe.includes("CWE-95"));
    assert.deepEqual(atEval.map((f) => f.ruleId), ["js/code-injection-taint"]);
  });
});

describe("sources", () => {
  test("`request` is an incoming request beside a response, in a route handler or typed as one; an HTTP client's is not", () => {
    const client = `export async function send(request) {
  return fetch(request.url, { headers: request.headers });
}
`;
    assert.equal(taint("client.js", { "client.js": client }).length, 0);
    const hapi = `export function handler(request, h) {
  return fetch(request.query.url);
}
`;
    assert.equal(taint("hapi.js", { "hapi.js": hapi }).length, 1);
    const next = `import { NextRequest } from "next/server";
export const proxy = async (request: NextRequest) => fetch(request.nextUrl.searchParams.get("u")!);
`;
    assert.equal(taint("route.ts", { "route.ts": next }).length, 1);
  });
});

describe("robustness", () => {
  test("files that name no source are not parsed", () => {
    assert.equal(mayHaveSources("export const add = (a, b) => a + b;\n"), false);
    assert.equal(mayHaveSources("app.get('/', (req, res) => res.send(req.query.q));"), true);
    assert.equal(mayHaveSources("el.innerHTML = document.referrer;"), true);
    // Globals named by common words count only beside one of their source fields.
    assert.equal(mayHaveSources("// process each item\nconst location = 'here';"), false);
    assert.equal(mayHaveSources("exec(process.argv[2]);"), true);
    assert.equal(mayHaveSources("const { argv } = process;"), true);
    assert.equal(mayHaveSources("el.innerHTML = window.location.hash;"), true);
    // A module with no source, and no project import that could give it one, is source-free.
    assert.equal(isSourceFree("export const add = (a, b) => a + b;\n"), true);
    assert.equal(isSourceFree("export const q = () => location.search;\n"), false);
    for (const importing of [`import { q } from "./q";`, `export * from "../q";`, `const q = require('./q');`, "const q = await import(`./q.js`);"]) {
      assert.equal(isSourceFree(`${importing}\nexport const add = (a, b) => a + b;\n`), false, importing);
    }
    assert.equal(isSourceFree(`import { join } from "node:path";\nexport const add = (a, b) => a + b;\n`), true);
  });

  test("a module that appears where an import found nothing is read in the same process", () => {
    const files: Record<string, string> = {
      "route.js": `import { run } from "./helpers/db";\nimport express from "express";\nconst app = express();\napp.get("/", (req, res) => run(req.query.id));\n`,
      "helpers/db.js": `import { query } from "./sql";\nexport function run(id) { return query(id); }\n`,
    };
    assert.equal(taint("route.js", files).length, 0, "./sql does not exist yet");
    files["helpers/sql.js"] = `import db from "mysql";\nexport function query(id) { return db.query("SELECT * FROM t WHERE id = " + id); }\n`;
    assert.deepEqual(taint("route.js", files).map((f) => f.ruleId), ["js/sql-injection"]);
  });

  test("broken syntax, huge expressions and deep nesting do not stop the analysis", () => {
    const long = `app.get("/", (req, res) => res.send(${Array.from({ length: 5000 }, (_, i) => `"p${i}"`).join(" + ")} + req.query.q));`;
    assert.equal(taint("long.js", { "long.js": long }).length, 1);
    const deep = `app.get("/", (req, res) => {${"if (a) {".repeat(300)} res.send(req.query.q); ${"}".repeat(300)}});`;
    assert.equal(taint("deep.js", { "deep.js": deep }).length, 1);
    const broken = `app.get("/", (req, res) => { res.send(req.query.q) ;; const = ; }`;
    assert.doesNotThrow(() => analyzeFile({ path: at("broken.js"), text: broken }, { settings: DEFAULT_SETTINGS }));
  });
});
