import { test } from "node:test";
import assert from "node:assert/strict";
import ts from "typescript";
import { parseSource } from "../../server/src/engine/js/native/parse";
import { FileScope } from "../../server/src/engine/js/native/scope";

function scopeOf(text: string, path = "x.ts") {
  const sf = parseSource(path, text);
  const scope = new FileScope(sf);
  // Every identifier of the file by name, in source order.
  const byName = new Map<string, ts.Identifier[]>();
  (function collect(n: ts.Node): void {
    if (ts.isIdentifier(n)) byName.set(n.text, [...(byName.get(n.text) ?? []), n]);
    ts.forEachChild(n, collect);
  })(sf);
  const at = (name: string, i: number) => byName.get(name)![i]!;
  const line = (id: ts.Identifier) => sf.getLineAndCharacterOfPosition(id.getStart(sf)).line + 1;
  return { sf, scope, at, line };
}

test("a var stays in its namespace or class static block", () => {
  const { scope, at } = scopeOf([
    "namespace N { var v = 'a'; use(v); }",
    "use(v);",
    "class S { static { { var sv = 1; } use(sv); } }",
    "use(sv);",
    "function f() { { var fv = 1; } use(fv); }",
  ].join("\n"));
  assert.equal(scope.resolve(at("v", 1))?.kind, "var");
  assert.equal(scope.resolve(at("v", 2)), undefined, "not seen outside the namespace");
  assert.equal(scope.resolve(at("sv", 1))?.kind, "var");
  assert.equal(scope.resolve(at("sv", 2)), undefined, "not seen outside the static block");
  assert.equal(scope.resolve(at("fv", 1))?.kind, "var", "a block's var is the function's");
});

test("every declaration of a name in one scope belongs to one binding, types beside it", () => {
  const { scope, at, line } = scopeOf([
    "var x = 1;",
    "var x = 2;",
    "function g(p: string) { var p; { let p = 3; } }",
    "const T = 1;",
    "type T = number;",
    "interface T { a: 1 }",
    "{ type T = string; }",
  ].join("\n"));
  const x = scope.resolve(at("x", 1))!;
  assert.equal(x, scope.resolve(at("x", 0)));
  assert.deepEqual(x.declarations.map(line), [1, 2]);
  assert.equal(x.init?.getText(), "1", "the first declaration stands for the binding");
  const p = scope.resolve(at("p", 0))!;
  assert.equal(p.kind, "param");
  assert.deepEqual(p.declarations.map(line), [3, 3], "a parameter and a var of the same name");
  assert.notEqual(scope.resolve(at("p", 2)), p, "a block's let is a binding of its own");
  const t = scope.lookup("T", at("T", 0))!;
  assert.deepEqual(t.typeDeclarations.map(line), [5, 6], "the type in the inner block is another scope's");
});

test("uses are found by name, shadowed ones left out, escaped spellings included", () => {
  const { scope, at } = scopeOf([
    "let a = 1;",
    "a = 2; a++;",
    "function f(a) { return a; }",
    "const o = { a: 1 }; o.a; type Q = typeof a;",
    "use(\\u0061, ba, ab);",
    "class C { [a]() {} }",
  ].join("\n"));
  const a = scope.resolve(at("a", 0))!;
  const uses = a.references.map((r) => [r.id.getStart(), r.read, r.write]);
  assert.deepEqual(uses, [
    [at("a", 1).getStart(), false, true],
    [at("a", 2).getStart(), true, true],
    [at("a", 8).getStart(), true, false],
    [at("a", 9).getStart(), true, false],
  ]);
  assert.equal(scope.constantValue(a), undefined);
  assert.equal(scope.resolve(at("a", 4))?.kind, "param");
});

test("a declaration resolves to its binding; names that only label something resolve to nothing", () => {
  const { scope, at } = scopeOf([
    "function outer(outer) { return outer; }",
    "const fn = function inner() { return inner; };",
    "import { a as b } from 'm';",
    "try {} catch (e) { use(e); }",
    "obj.prop; lbl: for (const i of []) break lbl;",
  ].join("\n"));
  assert.equal(scope.resolve(at("outer", 0))?.kind, "function");
  assert.equal(scope.resolve(at("outer", 2))?.kind, "param");
  assert.equal(scope.resolve(at("inner", 1)), scope.resolve(at("inner", 0)));
  assert.equal(scope.resolve(at("b", 0))?.kind, "import");
  assert.equal(scope.resolve(at("a", 0)), undefined);
  assert.equal(scope.resolve(at("e", 1))?.kind, "catch");
  assert.equal(scope.resolve(at("prop", 0)), undefined);
  assert.equal(scope.resolve(at("lbl", 0)), undefined);
});
