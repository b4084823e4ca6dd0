// Dependency check latency: a 2,000-package lockfile (package-lock v3, yarn v1 and pnpm v9 forms
// of the same resolved tree) checked against the bundled advisory snapshot, as the editor does on
// save: analyzeFile on the lockfile with its package.json beside it. Warm figures (the snapshot
// already loaded, as in a running server), median of the runs, wall and CPU (CPU is what a loaded
// machine distorts least); the first, cold run is printed too.
//
// The tree: every package of this repository's own package-lock.json and of the fixture app's
// (real names and versions, advisories included), then nested copies under other packages'
// node_modules (as npm writes duplicates) until 2,000 entries. yarn and pnpm record each
// name@version once, so their forms of the same tree hold fewer entries.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadEngine } from "../lib/engine.mjs";
import { median } from "../lib/measure.mjs";
import { formatTable } from "../lib/table.mjs";

export const name = "deps";
export const description = "dependency check of a 2,000-package lockfile against the bundled snapshot (warm median; budget 200 ms)";
export const options = {
  runs: { type: "string", description: "deps: warm runs per lockfile, median printed (default 20)" },
};

const ENGINE_EXPORTS = `
export { analyzeFile } from "./server/src/engine/analyze";
export { DEFAULT_SETTINGS } from "./server/src/engine/settings";
export { createProjectFacts } from "./server/src/engine/deps/project-facts";
export { AdvisoryDb, bundledSnapshotDir } from "./server/src/engine/deps/advisory-db";
`;
const PACKAGES = 2000;


/** [name, version] of every registry entry in a package-lock v2/v3. */
function lockEntries(file) {
  const lock = JSON.parse(readFileSync(file, "utf8"));
  return Object.entries(lock.packages)
    .filter(([k, v]) => k.startsWith("node_modules/") && v.version && !v.link)
    .map(([k, v]) => [v.name ?? k.slice(k.lastIndexOf("node_modules/") + 13), v.version]);
}

/** The tree as { location, name, version, deps } entries, deterministic. */
function buildTree(repoRoot) {
  const seen = new Set();
  const base = [];
  for (const file of [join(repoRoot, "package-lock.json"), join(repoRoot, "test", "deps", "fixtures", "fixture-app", "package-lock.json")]) {
    for (const [n, v] of lockEntries(file)) {
      if (!seen.has(n)) seen.add(n), base.push([n, v]);
    }
  }
  const entries = base.map(([n, v]) => ({ location: `node_modules/${n}`, name: n, version: v, deps: [] }));
  for (let i = 0; entries.length < PACKAGES; i++) {
    // Each parent in turn takes the next package along as a nested copy: every pair is new.
    const parent = base[i % base.length];
    const [child, version] = base[(i % base.length + 1 + Math.floor(i / base.length)) % base.length];
    if (child === parent[0]) continue;
    const location = `node_modules/${parent[0]}/node_modules/${child}`;
    entries.push({ location, name: child, version, deps: [] });
    entries[base.indexOf(parent)].deps.push(child);
  }
  const direct = base.slice(0, 40).map(([n, v]) => [n, v]);
  return { entries, direct };
}

function packageLock({ entries, direct }) {
  const packages = { "": { name: "bench-app", version: "1.0.0", dependencies: Object.fromEntries(direct) } };
  for (const e of entries) packages[e.location] = { version: e.version, resolved: `https://registry.npmjs.org/${e.name}/-/x-${e.version}.tgz`, integrity: "sha512-x", dependencies: Object.fromEntries(e.deps.map((d) => [d, "*"])) };
  return JSON.stringify({ name: "bench-app", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2) + "\n";
}

function yarnLock({ entries }) {
  const out = ["# yarn lockfile v1", "", ""];
  const byName = new Map();
  for (const e of entries) byName.set(`${e.name}@${e.version}`, e);
  for (const [spec, e] of [...byName].sort()) {
    out.push(`${spec.startsWith("@") ? `"${spec}"` : spec}:`, `  version "${e.version}"`, `  resolved "https://registry.yarnpkg.com/${e.name}/-/x-${e.version}.tgz"`, `  integrity sha512-x`, "");
  }
  return out.join("\n");
}

function pnpmLock({ entries, direct }) {
  const q = (s) => (/^[@]/.test(s) || s.includes(":") ? `'${s}'` : s);
  const keys = [...new Set(entries.map((e) => `${e.name}@${e.version}`))].sort();
  const lines = ["lockfileVersion: '9.0'", "", "importers:", "", "  .:", "    dependencies:"];
  for (const [n, v] of direct) lines.push(`      ${q(n)}:`, `        specifier: ${v}`, `        version: ${v}`);
  lines.push("", "packages:", "");
  for (const k of keys) lines.push(`  ${q(k)}:`, "    resolution: {integrity: sha512-x}", "");
  lines.push("snapshots:", "");
  for (const k of keys) lines.push(`  ${q(k)}: {}`, "");
  return lines.join("\n");
}

export async function run(ctx) {
  const runs = Number(ctx.values.runs ?? 20);
  const engine = await loadEngine(ctx.repoRoot, "deps", ENGINE_EXPORTS);
  const tree = buildTree(ctx.repoRoot);
  const dir = mkdtempSync(join(tmpdir(), "vigil-bench-deps-"));
  const manifest = JSON.stringify({ name: "bench-app", version: "1.0.0", dependencies: Object.fromEntries(tree.direct) }, null, 2);
  writeFileSync(join(dir, "package.json"), manifest);
  const files = { "package-lock.json": packageLock(tree), "yarn.lock": yarnLock(tree), "pnpm-lock.yaml": pnpmLock(tree) };
  const snapshotDir = engine.bundledSnapshotDir();
  const advisories = engine.AdvisoryDb.open(snapshotDir);
  const rows = [["lockfile", "entries", "findings", "cold ms", "warm median ms", "warm CPU ms", "min ms"]];
  const result = { packages: tree.entries.length, runs, lockfiles: {} };
  try {
    for (const [file, text] of Object.entries(files)) {
      // Each lockfile alone beside package.json, as a project has it.
      const sub = join(dir, file.replace(/\W/g, "-"));
      mkdirSync(sub);
      writeFileSync(join(sub, "package.json"), manifest);
      writeFileSync(join(sub, file), text);
      const check = () => {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const project = engine.createProjectFacts();
        const findings = engine.analyzeFile({ path: join(sub, file), text }, { settings: engine.DEFAULT_SETTINGS, project, advisories });
        const cpu = process.cpuUsage(c0);
        return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, findings: findings.length };
      };
      const cold = check();
      const warm = Array.from({ length: runs }, check);
      const med = median(warm.map((w) => w.ms));
      const cpu = median(warm.map((w) => w.cpuMs));
      const min = Math.min(...warm.map((w) => w.ms));
      const entries = file === "package-lock.json" ? tree.entries.length : new Set(tree.entries.map((e) => `${e.name}@${e.version}`)).size;
      rows.push([file, String(entries), String(cold.findings), cold.ms.toFixed(1), med.toFixed(1), cpu.toFixed(1), min.toFixed(1)]);
      result.lockfiles[file] = { findings: cold.findings, coldMs: cold.ms, warmMedianMs: med, warmCpuMedianMs: cpu, warmMinMs: min };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const snapshotBytes = ["meta.json", "index.json", "advisories.jsonl"].reduce((n, f) => n + statSync(join(snapshotDir, f)).size, 0);
  ctx.print(formatTable(rows, ["left", "right", "right", "right", "right", "right", "right"]));
  ctx.print(`budget: 200 ms warm for 2,000 packages; machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; advisory snapshot ${advisories.meta.records} records, ${(snapshotBytes / 1024).toFixed(0)} KB on disk (shipped in the .vsix)`);
  result.snapshotBytes = snapshotBytes;
  return result;
}
