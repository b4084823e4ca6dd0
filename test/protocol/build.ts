/**
 * The protocol and Neovim tests drive the bundled server (dist/cli.js), as users run it. `npm test`
 * builds first; when run alone, a bundle older than the sources is rebuilt here (once, under a lock
 * so parallel test files do not write the bundle at the same time).
 */
import { mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { CLI, REPO as ROOT } from "../helpers/cli";

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json|js)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  try {
    const built = statSync(CLI).mtimeMs;
    return built >= Math.max(newestSource(join(ROOT, "server", "src")), newestSource(join(ROOT, "rules")));
  } catch {
    return false;
  }
}

let built: Promise<void> | undefined;

/** At most one build per test process: other people's edits must not rebuild before every session. */
export function ensureBuilt(): Promise<void> {
  built ??= buildIfStale();
  return built;
}

async function buildIfStale(): Promise<void> {
  if (isFresh()) return;
  const lock = join(ROOT, "dist", ".build-lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`build lock ${lock} held for 2 minutes; remove it if no build is running`);
      await sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    const r = spawnSync(process.execPath, ["esbuild.mjs"], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stderr}${r.stdout}`);
  } finally {
    rmdirSync(lock);
  }
}
