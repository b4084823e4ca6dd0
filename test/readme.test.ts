import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../rules";

const README = path.join(__dirname, "..", "README.md");

/** The README's rule table, generated from the registry. `UPDATE_README=1` rewrites it. */
function ruleTable(): string {
  const rows = [...ALL_RULES]
    .filter((r) => r.kind !== "tool")
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => `| [\`${r.id}\`](rules/${r.id}.md) | ${r.title} | ${r.severity} | ${r.cwe.join(", ")} | ${r.fixable ? "yes" : ""} | ${r.enabledByDefault === false ? "off" : "on"} |`);
  return ["| rule | what | severity | CWE | fix | default |", "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

test("the README lists every rule, as the registry has it", () => {
  const text = readFileSync(README, "utf8");
  const block = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/;
  const expected = `${ruleTable()}\n`;
  if (process.env.UPDATE_README) writeFileSync(README, text.replace(block, `<!-- rules:start -->\n${expected}<!-- rules:end -->`));
  const actual = block.exec(readFileSync(README, "utf8"))?.[1];
  assert.equal(actual, expected, "README rule table is stale: run UPDATE_README=1 node test/run.mjs readme");
});

test("the README's first screen has the two set-up commands", () => {
  const text = readFileSync(README, "utf8");
  const setup = /## Set-up\n\n```bash\n([\s\S]*?)```/.exec(text)?.[1]?.trim().split("\n") ?? [];
  assert.equal(setup.length, 2);
  assert.match(setup[0]!, /^npm ci && npm run build && npx vigil scan examples\/vulnerable-app/);
  assert.match(setup[1]!, /^npm test\b/);
});
