import { test } from "node:test";
import assert from "node:assert/strict";
import ts from "typescript";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { parseFile, parseSource } from "../../server/src/engine/js/native/parse";
import { FileScope } from "../../server/src/engine/js/native/scope";
import { walkRules } from "../../server/src/engine/js/native/walk";
import { rulesThatMayFire } from "../../server/src/engine/js/native/triggers";
import { Deadline } from "../../server/src/engine/deadline";
import { LineIndex } from "../../server/src/engine/text";
import { defineRule, type NativeRule } from "../../server/src/engine/rule";

function ruleOf(id: string, create: NativeRule["create"], triggers?: NativeRule["triggers"]): NativeRule {
  return defineRule({
    id, engine: "native", title: id, description: id, severity: "low", confidence: "low", cwe: ["CWE-20"], owasp: ["A03"],
    languages: "*", messages: { hit: "hit {{what}}", fix: "Fix it" }, triggers, create,
  });
}

function identifiers(sf: ts.SourceFile, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test("one walk dispatches each node kind to every rule listening to it, in source order", () => {
  const text = "a(1);\nb(2);\nnew C();\n";
  const tree = parseFile("x.js", text);
  const calls = ruleOf("t/calls", (ctx) => ({ CallExpression: (n) => ctx.report({ node: n, messageId: "hit", data: { what: ctx.textOf(n) } }) }));
  const news = ruleOf("t/news", (ctx) => ({ NewExpression: (n) => ctx.report({ node: n.expression, messageId: "hit", data: { what: "new" } }) }));
  const { findings, failedRules } = walkRules(tree, new LineIndex(text), [calls, news], Deadline.none);
  assert.deepEqual(failedRules, []);
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.message} ${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`), [
    "t/calls hit a(1) 0:0-4",
    "t/calls hit b(2) 1:0-4",
    "t/news hit new 2:4-5",
  ]);
});

test("a file's own tree is parsed without parents: the walk links each node before its handlers run, and all of them for the scope", () => {
  const text = "function f(a) { return g(a + 1); }\nconst h = () => f(2);\n";
  const tree = parseFile("x.js", text);
  assert.equal(tree.linked, false);
  const depths: string[] = [];
  const ancestry = ruleOf("t/ancestry", (ctx) => ({
    CallExpression: (n) => {
      let depth = 0;
      for (let p: ts.Node | undefined = n; p !== ctx.file; p = p.parent) depth++;
      depths.push(`${ctx.textOf(n)}@${depth}`);
    },
  }));
  // The first handler asks for the scope, which reads parents the walk has not reached yet.
  let declared: string | undefined;
  const scoped = ruleOf("t/scoped", (ctx) => ({
    FunctionDeclaration: () => {
      const [, use] = identifiers(ctx.file, "f");
      declared = ctx.scope.resolve(use!)?.kind;
    },
  }));
  const out = walkRules(tree, new LineIndex(text), [ancestry, scoped], Deadline.none);
  assert.deepEqual(out.failedRules, []);
  assert.deepEqual(depths, ["g(a + 1)@4", "f(2)@5"]);
  assert.ok(declared, "the scope resolved f");
  assert.equal(tree.linked, true);
  const linked = parseSource("x.js", text);
  const shape = (sf: ts.SourceFile) => {
    const out: string[] = [];
    const visit = (n: ts.Node): void => {
      out.push(`${ts.SyntaxKind[n.kind]}<${n.parent ? ts.SyntaxKind[n.parent.kind] : "-"}`);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return out;
  };
  assert.deepEqual(shape(tree.sf), shape(linked));
});

test("rules share state for one file's walk, and a new walk starts afresh", () => {
  const text = "a(1);\n";
  const KEY = {};
  const seen: number[] = [];
  const counting = (id: string) => ruleOf(id, (ctx) => ({
    CallExpression: () => {
      const calls = ctx.shared(KEY, () => ({ count: 0 }));
      seen.push(++calls.count);
    },
  }));
  const tree = parseFile("x.js", text);
  walkRules(tree, new LineIndex(text), [counting("t/one"), counting("t/two")], Deadline.none);
  walkRules(tree, new LineIndex(text), [counting("t/one")], Deadline.none);
  assert.deepEqual(seen, [1, 2, 1]);
});

test("a rule that throws is reported once and the others still run", () => {
  const text = "a();\nb();\n";
  const boom = ruleOf("t/boom", () => ({ CallExpression: () => { throw new Error("kaput\nstack"); } }));
  const fine = ruleOf("t/fine", (ctx) => ({ CallExpression: (n) => ctx.report({ node: n, messageId: "hit" }) }));
  const out = walkRules(parseFile("x.js", text), new LineIndex(text), [boom, fine], Deadline.none);
  assert.equal(out.findings.length, 2);
  assert.deepEqual(out.failedRules.map((f) => [f.rule.id, f.error]), [["t/boom", "kaput"]]);
});

test("fixes and suggestions become editor edits with the rule's titles", () => {
  const text = "x = 1;\n";
  const rule = ruleOf("t/fix", (ctx) => ({
    NumericLiteral: (n) => ctx.report({ node: n, messageId: "hit", fix: { start: n.getStart(), end: n.end, text: "2" }, suggest: [{ messageId: "fix", fix: { start: 0, end: 1, text: "y" } }] }),
  }));
  const [f] = walkRules(parseFile("x.js", text), new LineIndex(text), [rule], Deadline.none).findings;
  assert.deepEqual(f!.fixes.map((x) => [x.title, x.isPreferred, x.edits[0]!.newText, x.edits[0]!.range.start.character]), [
    ["Apply the safe fix", true, "2", 4],
    ["Fix it", false, "y", 0],
  ]);
});

test("rules whose trigger words are absent from the text are not run", () => {
  const a = ruleOf("t/a", () => ({}), ["createHash"]);
  const b = ruleOf("t/b", () => ({}), ["random", "uuid"]);
  const c = ruleOf("t/c", () => ({}));
  assert.deepEqual(rulesThatMayFire([a, b, c], "const id = Math.random();").map((r) => r.id), ["t/b", "t/c"]);
  // Words are matched literally, regex characters and backslashes included; RegExp triggers as given.
  const escaped = ruleOf("t/escaped", () => ({}), ["\\u", "a.b("]);
  const pattern = ruleOf("t/pattern", () => ({}), [/token/i]);
  assert.deepEqual(rulesThatMayFire([escaped, pattern], "ev\\u0061l(x)").map((r) => r.id), ["t/escaped"]);
  assert.deepEqual(rulesThatMayFire([escaped, pattern], "axb(API_TOKEN)").map((r) => r.id), ["t/pattern"]);
  assert.deepEqual(rulesThatMayFire([escaped, pattern], "a.b(1)").map((r) => r.id), ["t/escaped"]);
  // Words inside, overlapping or beginning other words; at either end of the text; single
  // characters; words that do not begin with ASCII.
  const rulesOf = (...words: string[]) => words.map((w) => ruleOf(`t/${w}`, () => ({}), [w]));
  const fired = (text: string, rules: NativeRule[]) => rulesThatMayFire(rules, text).map((r) => r.id.slice(2));
  const words = rulesOf("Int", "Int8", "UInt", "nt8L", "/", "ㅤfill", "éval", "zz");
  assert.deepEqual(fired("buf.readUInt8LE(0)", words), ["Int", "Int8", "UInt", "nt8L"]);
  assert.deepEqual(fired("Int", words), ["Int"]);
  assert.deepEqual(fired("// x = éval(ㅤfill)", words), ["/", "ㅤfill", "éval"]);
  assert.deepEqual(fired("z", words), []);
  assert.deepEqual(fired("", words), []);
});

test("scopes: constants, reassignment, shadowing, hoisting and destructuring writes", () => {
  const text = [
    "const fixed = 'a';",
    "let changed = 'b'; changed = 'c';",
    "let bumped = 1; bumped++;",
    "let destructured = 'd'; [destructured] = other;",
    "function f(fixed) { return fixed + hoisted + fixed2; var hoisted = 1; }",
    "use(fixed, changed, bumped, destructured, f);",
    "function g() {} const fixed2 = g;",
  ].join("\n");
  const sf = parseSource("x.js", text);
  const scope = new FileScope(sf);
  const value = (name: string, i: number) => {
    const b = scope.resolve(identifiers(sf, name)[i]!);
    const v = b && scope.constantValue(b);
    return v ? v.getText(sf) : undefined;
  };
  assert.equal(value("fixed", 0), "'a'");
  assert.equal(scope.resolve(identifiers(sf, "fixed")[2]!)!.kind, "param", "a parameter shadows the outer constant");
  assert.equal(value("fixed", 3), "'a'", "outside the function the constant is seen again");
  assert.equal(value("changed", 0), undefined);
  assert.equal(value("bumped", 0), undefined);
  assert.equal(value("destructured", 0), undefined);
  assert.equal(scope.resolve(identifiers(sf, "hoisted")[0]!)!.kind, "var", "a var is visible before its declaration");
  assert.equal(value("f", 1)?.startsWith("function f"), true);
  assert.equal(scope.resolve(identifiers(sf, "use")[0]!), undefined, "globals resolve to nothing");
  const reads = scope.resolve(identifiers(sf, "changed")[0]!)!.references;
  assert.deepEqual(reads.map((r) => [r.read, r.write]), [[false, true], [true, false]]);
});

test("an analysis past the per-file time budget ends with an analysis-timeout notice", () => {
  const text = Array.from({ length: 5_000 }, (_, i) => `const v${i} = f(${i}, { rejectUnauthorized: false });`).join("\n");
  const settings = { ...DEFAULT_SETTINGS, analysisTimeout: 1 };
  const findings = analyzeFile({ path: "/p/big.js", text }, { settings });
  const timeouts = findings.filter((f) => f.ruleId === "vigil/analysis-timeout");
  assert.equal(timeouts.length, 1);
  assert.match(timeouts[0]!.message, /js analysis was stopped.*1 ms budget/);
  // Taint, run after the rules on the same spent budget, is named in the same single notice.
  const withSources = `app.get("/", (req, res) => res.send(req.query.q));\n${text}`;
  const both = analyzeFile({ path: "/p/big.js", text: withSources }, { settings }).filter((f) => f.ruleId === "vigil/analysis-timeout");
  assert.equal(both.length, 1);
  assert.match(both[0]!.message, /^The js and taint analyses were stopped/);
  assert.equal(timeouts[0]!.severity, "info");
  const unbounded = analyzeFile({ path: "/p/big.js", text }, { settings: { ...settings, analysisTimeout: 0 } });
  assert.equal(unbounded.filter((f) => f.ruleId === "js/tls-verification-disabled").length, 5_000);
});
