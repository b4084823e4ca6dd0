// The benchmark corpus: built once by make-corpus.sh into a cache folder outside the clone,
// then checked file by file against its manifest before every use, so a half-built or altered
// corpus is rebuilt instead of silently skewing the figures.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { extname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const RECIPE = fileURLToPath(new URL("../make-corpus.sh", import.meta.url));

/** sha256 of each corpus's manifest, as make-corpus.sh prints it: same digest, same corpus. */
export const CORPORA = {
  corpus: { digest: "d82d827d5fdf9c401f5ab22a5fe72ea5f668fc37a2f7d498491de7c25930b96f", about: "1.0M lines" },
  "corpus-100k": { digest: "9e90388e1937bda86acbbf59bc98ffc860262f77974575ed5c4faa342d1ab9ef", about: "110k lines" },
};

/** JS/TS extensions, as the baseline ESLint config's `files` glob lists them. */
export const SOURCE_EXTENSIONS = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts"];

export function benchDir() {
  return process.env.VIGIL_BENCH_DIR || join(homedir(), ".cache", "vigil-bench");
}

/**
 * Returns the folder of the named corpus, building it first (npm pack of pinned tarballs) when it
 * is missing or does not match its pinned digest. `log` receives progress lines.
 */
export function ensureCorpus(name, { dir = benchDir(), log = () => {} } = {}) {
  const pinned = CORPORA[name];
  if (!pinned) throw new Error(`unknown corpus "${name}" (known: ${Object.keys(CORPORA).join(", ")})`);
  if (checkCorpus(dir, name) === "ok") return join(dir, name);
  withLock(dir, log, () => {
    // Another process may have finished the build while this one waited for the lock.
    if (checkCorpus(dir, name) === "ok") return;
    log(`building the benchmark corpus in ${dir} (npm pack of pinned packages; a few minutes)`);
    // The recipe's report goes to stderr with its progress: stdout carries only suite results.
    const r = spawnSync("bash", [RECIPE, dir], { stdio: ["ignore", 2, 2] });
    if (r.status !== 0) throw new Error(`make-corpus.sh failed (exit ${r.status ?? r.signal})`);
  });
  const problem = checkCorpus(dir, name);
  if (problem !== "ok") throw new Error(`corpus ${name} in ${dir} is not the pinned one after a build: ${problem}`);
  return join(dir, name);
}

/** "ok", or what is wrong: a missing manifest, a different digest, a changed, missing or extra file. */
export function checkCorpus(dir, name) {
  const manifestPath = join(dir, `${name}.manifest`);
  if (!existsSync(manifestPath)) return "not built";
  const manifest = readFileSync(manifestPath);
  const digest = sha256(manifest);
  if (digest !== CORPORA[name].digest) return `manifest digest ${digest} is not the pinned ${CORPORA[name].digest}`;
  const listed = manifest
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ hash: line.slice(0, 64), file: line.slice(66) }));
  for (const { hash, file } of listed) {
    const path = join(dir, file);
    if (!existsSync(path)) return `${file} is missing`;
    if (sha256(readFileSync(path)) !== hash) return `${file} differs from the manifest`;
  }
  const present = listFiles(join(dir, name), () => true).length;
  if (present !== listed.length) return `${present} files present, the manifest lists ${listed.length}`;
  return "ok";
}

/** Files, lines (newlines, as `wc -l` counts them) and bytes of the JS/TS sources under a folder. */
export function sourceStats(root) {
  const files = sourceFiles(root);
  return { files: files.length, lines: files.reduce((n, f) => n + f.lines, 0), bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/** Each JS/TS source under a folder (node_modules left out): { path, lines, bytes }. */
export function sourceFiles(root) {
  return listFiles(root, (name) => SOURCE_EXTENSIONS.includes(extname(name))).map((path) => {
    const buf = readFileSync(path);
    let lines = 0;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
    return { path, lines, bytes: buf.length };
  });
}

/** Every file under root that `keep` accepts by name; node_modules and .git are left out, as both tools do. */
function listFiles(root, keep) {
  const out = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== ".git") out.push(...listFiles(path, keep));
    } else if (entry.isFile() && keep(entry.name)) out.push(path);
  }
  return out;
}

function sha256(buf) {
  return createHash("sha256").update(buf).digest("hex");
}

/**
 * Runs `build` holding a lock folder beside the corpus, so two benchmarks started at once do not
 * build into the same folder together. A lock left by a process that no longer runs is taken over.
 */
function withLock(dir, log, build) {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, ".build-lock");
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    // The lock appears with its owner's pid already inside (rename is atomic), so a waiter never
    // sees an ownerless lock that is still being set up.
    const staged = mkdtempSync(`${lock}-`);
    writeFileSync(join(staged, "pid"), String(process.pid));
    try {
      renameSync(staged, lock);
      break;
    } catch (err) {
      rmSync(staged, { recursive: true, force: true });
      if (err.code !== "EEXIST" && err.code !== "ENOTEMPTY") throw err;
      const owner = Number(readFileSafe(join(lock, "pid")));
      if (!isRunning(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for process ${owner} to build the corpus`);
      log(`waiting for process ${owner}, which is building the corpus`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSafe(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isRunning(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
