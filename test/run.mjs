// Runs every test file under test/ with Node's built-in runner (TypeScript through tsx).
// `node test/run.mjs [substring..]` runs only the files whose path contains one of the substrings.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const skipDirs = new Set(["node_modules", "fixtures", "corpus"]);
function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return skipDirs.has(e.name) ? [] : find(p);
    return /\.test\.(ts|mjs)$/.test(e.name) ? [relative(root, p)] : [];
  });
}
const filters = process.argv.slice(2);
const files = find(join(root, "test"))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const args = ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
