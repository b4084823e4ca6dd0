/**
 * Loads a CommonJS bundle through V8's code cache: the bytecode V8 compiled for it in an earlier
 * run, so a new process skips most of the parsing and compiling of a multi-megabyte bundle.
 *
 * Bytecode is code: a cache is only read from and written to a folder that belongs to the user
 * running the server and that nobody else can write to, and its name carries a digest of the
 * bundle's content (V8 itself only checks the source length), so a changed bundle never meets
 * the bytecode of another.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

/**
 * How much of the bundle a run has exercised, so what its cache holds: a `partial` cache (the code
 * loading ran) has a name of its own, read only while there is no `full` cache, and the first
 * `full` one (analysis code too) replaces it.
 */
export type CacheCoverage = "full" | "partial";

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Whether V8 took the cached bytecode. */
  usedCache: boolean;
  /**
   * Writes the cache if there was none to use (or only a partial one, and this run was full); call
   * once the code has run for a while, so it holds more, but not after a long run: V8 drops the
   * bytecode of functions unused for a while (those loading ran). True when a cache was written.
   */
  saveCache(coverage?: CacheCoverage): boolean;
}

/** The per-user cache folder (`$XDG_CACHE_HOME/vigil`, `~/.cache/vigil`; `%LOCALAPPDATA%\vigil` on Windows). */
export function defaultCodeCacheDir(): string {
  if (process.platform === "win32" && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, "vigil", "code-cache");
  const base = process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), ".cache");
  return path.join(base, "vigil", "code-cache");
}

/** Runs `file` as a CommonJS module, with its code cache from `cacheDir` when there is a usable one (no folder: no cache). */
export function loadWithCodeCache(file: string, cacheDir: string | undefined): LoadedBundle {
  const content = readFileSync(file);
  const base = cacheDir && path.join(cacheDir, `${path.basename(file, ".js")}-${cacheKey(content)}`);
  const cacheFiles: Record<CacheCoverage, string> | undefined = base ? { full: `${base}.bin`, partial: `${base}.partial.bin` } : undefined;
  let cachedCoverage: CacheCoverage | undefined;
  let cached: Buffer | undefined;
  if (cacheDir && cacheFiles && ownFolder(cacheDir, false)) {
    for (const coverage of ["full", "partial"] as const) {
      cached = readOwnFile(cacheFiles[coverage]);
      if (cached) {
        cachedCoverage = coverage;
        break;
      }
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${content.toString("utf8")}\n})`;
  const script = new vm.Script(wrapper, {
    filename: file,
    cachedData: cached,
    // Lets the bundle's own import() calls work as they would in a module Node loaded itself.
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const usedCache = cached !== undefined && !script.cachedDataRejected;
  // The best cache this run has used or tried to write: a partial one may still give way to a full one.
  let have: CacheCoverage | undefined = usedCache ? cachedCoverage : undefined;
  return {
    exports: module.exports,
    usedCache,
    saveCache(coverage = "full") {
      if (!cacheDir || !cacheFiles || have === "full" || have === coverage) return false;
      have = coverage;
      if (!ownFolder(cacheDir, true)) return false;
      // Written aside and renamed, so a concurrent start reads a whole cache or none.
      const cacheFile = cacheFiles[coverage];
      const aside = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(aside, script.createCachedData(), { mode: 0o600 });
        renameSync(aside, cacheFile);
      } catch {
        removeFile(aside);
        return false;
      }
      if (coverage === "full") removeFile(cacheFiles.partial);
      pruneOldCaches(cacheDir, path.basename(file, ".js"), [cacheFiles.full, cacheFiles.partial]);
      return true;
    },
  };
}

/**
 * Caches of other builds of the same bundle kept beside the current one: each upgrade (or, for a
 * developer, each build) writes a new one of several megabytes, and the folder must not grow
 * forever. A few stay, for someone switching between two installed versions.
 */
const OTHER_BUILDS_KEPT = 3;

function pruneOldCaches(cacheDir: string, bundle: string, current: string[]): void {
  try {
    // The bundle's name, then the key's digest: "server-" must not take "server-core-" files.
    const ofBundle = new RegExp(`^${bundle.replace(/[^\w]/g, "\\$&")}-[0-9a-f]{24}-.*\\.bin$`);
    const others = readdirSync(cacheDir)
      .filter((name) => ofBundle.test(name))
      .map((name) => path.join(cacheDir, name))
      .filter((file) => !current.includes(file))
      .map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { file } of others.slice(OTHER_BUILDS_KEPT)) removeFile(file);
  } catch {
    // A file that went meanwhile, or a folder that cannot be listed: pruning waits for the next save.
  }
}

/** Bundle content, V8 version and architecture: bytecode is only valid for all three. */
function cacheKey(content: Buffer): string {
  const digest = createHash("sha256").update(content).digest("hex").slice(0, 24);
  return `${digest}-${process.versions.v8.replace(/[^\w.-]/g, "_")}-${process.arch}`;
}

/** True when `dir` exists (or, with `create`, could be made) as a folder only this user can write. */
function ownFolder(dir: string, create: boolean): boolean {
  try {
    // A folder that exists keeps its mode: one others could write to is left alone, never "fixed".
    if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
    return ownedAndPrivate(statSync(dir));
  } catch {
    return false;
  }
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Not there.
  }
}

function readOwnFile(file: string): Buffer | undefined {
  try {
    return ownedAndPrivate(statSync(file)) ? readFileSync(file) : undefined;
  } catch {
    return undefined; // no cache yet
  }
}

/** Owned by this user and writable by no one else (Windows has no such mode bits: its per-user folder stands in). */
function ownedAndPrivate(stats: Stats): boolean {
  if (process.platform === "win32" || typeof process.getuid !== "function") return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}
