import { test } from "node:test";
import assert from "node:assert/strict";
import { LineIndex } from "../../server/src/engine/text";

test("LineIndex converts offsets and positions with \\n, \\r\\n and lone \\r line ends", () => {
  for (const eol of ["\n", "\r\n", "\r"]) {
    const text = ["first", "second line", "", "last"].join(eol);
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4, JSON.stringify(eol));
    const at = text.indexOf("line");
    assert.deepEqual(idx.positionAt(at), { line: 1, character: 7 });
    assert.equal(idx.offsetAt({ line: 1, character: 7 }), at);
    assert.equal(idx.lineText(1), "second line");
    assert.equal(idx.lineText(3), "last");
    assert.deepEqual(idx.positionAt(text.length), { line: 3, character: 4 });
  }
});
