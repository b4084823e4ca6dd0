import { test } from "node:test";
import assert from "node:assert/strict";
import { analyseInOrder } from "../../server/src/engine/parallel/in-order";
import type { FileTask } from "../../server/src/engine/parallel/file-task";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import type { Finding } from "../../server/src/engine/finding";

const task = (path: string): FileTask => ({ path, size: 1 });

test("without workers, files another analysis just parsed are analysed next, and results still come in order", async () => {
  const analysed: string[] = [];
  // a.js imported d.js, analysed next; d.js imported b.js, next too, and a.js, done already.
  const parsedFor: Record<string, string[]> = { "a.js": ["d.js"], "d.js": ["b.js", "a.js"] };
  let parsed: string[] = [];
  const out: string[] = [];
  const results = analyseInOrder(["a.js", "b.js", "c.js", "d.js", "e.js"].map(task), {
    cacheable: () => false,
    mainThreadOnly: () => false,
    analyseHere: async ({ path }) => {
      analysed.push(path);
      parsed = parsedFor[path] ?? [];
      return { findings: [{ ruleId: `seen-${path}` } as Finding] };
    },
    parsedForOthers: () => parsed,
    jobs: 1,
    setup: { settings: DEFAULT_SETTINGS, record: false },
    log: () => {},
  });
  for await (const [t, findings] of results) out.push(`${t.path}:${findings[0]!.ruleId}`);
  assert.deepEqual(analysed, ["a.js", "d.js", "b.js", "c.js", "e.js"]);
  assert.deepEqual(out, ["a.js:seen-a.js", "b.js:seen-b.js", "c.js:seen-c.js", "d.js:seen-d.js", "e.js:seen-e.js"]);
});
