/** No input crashes the dependency analyzer: cut or corrupted lockfiles give a parse-error notice or findings, never an analysis error. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { fixtureText, snapshot } from "./helpers";

const FILES = ["package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml"] as const;
const advisories = snapshot();

function ruleIds(name: string, text: string): string[] {
  return analyzeFile({ path: `/app/${name}`, text }, { settings: DEFAULT_SETTINGS, advisories }).map((f) => f.ruleId);
}

for (const name of FILES) {
  const text = fixtureText(name);
  test(`${name}: cut anywhere, or with a span replaced by noise, it never throws inside the analyzer`, () => {
    fc.assert(
      fc.property(fc.nat({ max: text.length }), fc.nat({ max: 200 }), fc.string({ maxLength: 20 }), (at, length, noise) => {
        for (const variant of [text.slice(0, at), text.slice(0, at) + noise + text.slice(at + length)]) {
          const ids = ruleIds(name, variant);
          assert.ok(!ids.includes("vigil/analysis-error"), `analysis error at ${at}`);
          assert.ok(ids.every((id) => id === "vigil/parse-error" || id === "deps/vulnerable-dependency" || !id.startsWith("deps/")));
        }
      }),
      { numRuns: 40, seed: 5 },
    );
  });
}
