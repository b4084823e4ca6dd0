import { test } from "node:test";
import assert from "node:assert/strict";
import { looksMinified } from "../../server/src/engine/files";

const code = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = compute(${i}, "x");`).join("\n");

test("a bundle on one enormous line, or with a short banner above it, is minified", () => {
  const bundle = "!function(e){" + "var a=e.b(c,d);".repeat(4_000) + "}(this);";
  assert.equal(looksMinified(bundle), true);
  assert.equal(looksMinified(`/*! lib v1.0 | MIT */\n${bundle}\n//# sourceMappingURL=lib.min.js.map\n`), true);
});

test("long lines on average make a file minified", () => {
  assert.equal(looksMinified(Array.from({ length: 100 }, () => "a=b(c);".repeat(60)).join("\n")), true);
});

test("ordinary code is not, even with one very long line of data in it", () => {
  assert.equal(looksMinified(code(2_000)), false);
  const sample = `const emoji = "${"😀".repeat(16_000)}";`;
  assert.equal(looksMinified(`${code(1_400)}\n${sample}\n${code(40)}`), false);
});
