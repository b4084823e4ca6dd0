import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "../../server/src/cli/main";
import { NOW, SHOP, report } from "./report-helper";

const GOLDEN = path.join(__dirname, "golden");

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it. */
function matchesGolden(actual: string, name: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  assert.equal(actual, readFileSync(file, "utf8"), `differs from ${name} (UPDATE_GOLDEN=1 to accept)`);
}

test("vigil report --format md matches the golden report", async () => {
  const md = await report("md");
  matchesGolden(md, "shop-report.md");
  assert.match(md, /\| T1: Upstream traffic intercepted \| information-disclosure \| mitigated \(contradicted\) \|/);
  assert.match(md, /\| js\/tls-verification-disabled \| src\/client\.js \|  \| The rates sandbox uses a self-signed certificate\. \| sam@shop\.example \| 2026-12-31 \| expired 32 day\(s\) ago \|/);
  assert.match(md, /\| js\/weak-password-hash \| src\/tokens\.js \| T3 \| .* \| 2027-06-30 \| active, 149 day\(s\) left \|/);
  assert.match(md, /\| js\/weak-cipher \| src\/export\.js \|.*\| stale: matches no finding \|/);
  assert.match(md, /\| Attacks on cryptography usage \| .* \| 2 \|/);
});

test("vigil report --format html matches the golden report and is self-contained", async () => {
  const html = await report("html");
  matchesGolden(html, "shop-report.html");
  assert.doesNotMatch(html, /<script|<link|src="http|url\(/, "no script, stylesheet or remote resource");
  assert.match(html, /<svg [^>]*role="img"/);
  assert.match(html, /@media print/);
});

test("vigil report writes to --output and rejects an unknown format", async () => {
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const dir = path.join(__dirname, "..", "..", "test-artifacts");
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "shop-report.md");
  assert.equal(await main(["report", SHOP, "--output", out], { stdout: sink, stderr: sink, cwd: SHOP, now: () => NOW }), 0);
  assert.match(readFileSync(out, "utf8"), /^# Security report: Fixture shop\n/);
  assert.equal(await main(["report", "--format", "pdf"], { stdout: sink, stderr: sink, cwd: SHOP }), 2);
});
