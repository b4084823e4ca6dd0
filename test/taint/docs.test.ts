import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { TAINT_RULES } from "../../rules/js/taint";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";

/** The generic rules test runs doc examples of ESLint rules only; taint rules' examples are held here. */
for (const rule of TAINT_RULES) {
  test(`${rule.id}: the doc's vulnerable example is reported and its safe example is not`, () => {
    const doc = readFileSync(path.join(__dirname, "..", "..", "rules", `${rule.id}.md`), "utf8");
    for (const [heading, expected] of [["## Vulnerable example", true], ["## Safe example", false]] as const) {
      const block = new RegExp(`${heading}\\n+\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
      assert.ok(block, `${heading} has a code block`);
      const found = analyzeFile({ path: "example.js", text: block[1]! }, { settings: DEFAULT_SETTINGS }).filter((f) => f.ruleId === rule.id);
      assert.equal(found.length > 0, expected, `${heading} ${expected ? "is" : "is not"} reported`);
    }
  });
}
