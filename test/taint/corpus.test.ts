import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateCorpus, precision, recall } from "./corpus-eval";

test("labelled corpus: taint rules find at least 90% of the flows and at least 90% of findings are real", () => {
  const ev = evaluateCorpus();
  assert.ok(ev.annotated.positive + ev.annotated.negative >= 200, "at least 200 labelled lines");
  assert.ok(ev.annotated.positive >= 80 && ev.annotated.negative >= 80, "labelled both ways");
  assert.ok(recall(ev.total) >= 0.9, `recall ${recall(ev.total).toFixed(2)}; missed:\n${ev.misses.join("\n")}`);
  assert.ok(precision(ev.total) >= 0.9, `precision ${precision(ev.total).toFixed(2)}; false positives:\n${ev.falsePositives.join("\n")}`);
  for (const [cwe, s] of ev.byCwe) {
    assert.ok(recall(s) >= 0.75 && precision(s) >= 0.75, `${cwe}: precision ${precision(s).toFixed(2)}, recall ${recall(s).toFixed(2)}`);
  }
});
