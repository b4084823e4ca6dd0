import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { eventLoopTurns } from "./event-loop";

/**
 * Enumerates the files of a scan: honours every .gitignore on the way down, the exclude globs and
 * symlinks (followed, but each real directory is visited once, so loops end). Problems become
 * `skipped` entries, never exceptions. File-system calls are synchronous: on a warm disk cache
 * they take microseconds, and a round trip per call through libuv's thread pool left a scan idle
 * for a fifth of its time.
 */

export type FileEntry =
  | { kind: "file"; path: string; size: number; mtimeMs: number }
  | { kind: "skipped"; path: string; reason: string };

export interface EnumerateOptions {
  exclude: string[];
  /** Stop early when the caller cancels. */
  signal?: AbortSignal;
}

interface IgnoreLevel {
  /** Its folder relative to the root, with a trailing "/" ("" for the root). */
  prefix: string;
  ig: Ignore;
}

export async function* enumerateFiles(root: string, options: EnumerateOptions): AsyncGenerator<FileEntry> {
  const rootAbs = path.resolve(root);
  const isExcluded = picomatch(options.exclude, { dot: true });
  let stat;
  try {
    stat = fs.statSync(rootAbs);
  } catch (err) {
    yield { kind: "skipped", path: rootAbs, reason: `cannot be read (${code(err)})` };
    return;
  }
  if (stat.isFile()) {
    yield { kind: "file", path: rootAbs, size: stat.size, mtimeMs: stat.mtimeMs };
    return;
  }
  const visited = new Set<string>();
  const turn = eventLoopTurns();
  for (const entry of walk(rootAbs, "", [], visited, isExcluded, options.signal)) {
    yield entry;
    await turn();
  }
}

function* walk(
  dir: string,
  /** `dir` relative to the root, "/"-separated ("" for the root itself). */
  relDir: string,
  levels: IgnoreLevel[],
  visited: Set<string>,
  isExcluded: (p: string) => boolean,
  signal: AbortSignal | undefined,
): Generator<FileEntry> {
  if (signal?.aborted) return;
  let real: string;
  try {
    real = fs.realpathSync.native(dir);
  } catch (err) {
    yield { kind: "skipped", path: dir, reason: `cannot be read (${code(err)})` };
    return;
  }
  if (visited.has(real)) {
    yield { kind: "skipped", path: dir, reason: "symlink loop: this folder was already scanned" };
    return;
  }
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    yield { kind: "skipped", path: dir, reason: `folder cannot be read (${code(err)})` };
    return;
  }
  const here = readGitignore(dir, relDir);
  const active = here ? [...levels, here] : levels;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (signal?.aborted) return;
    if (entry.name === ".git") continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let stat: fs.Stats | undefined;
    if (entry.isSymbolicLink() || (!isDir && !isFile)) {
      try {
        stat = fs.statSync(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch (err) {
        yield { kind: "skipped", path: full, reason: `broken or unreadable link (${code(err)})` };
        continue;
      }
      if (!isDir && !isFile) continue; // sockets, FIFOs, devices: never read
    }
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    if (isExcluded(rel) || isExcluded(rel + "/") || ignoredByGit(active, rel, isDir)) continue;
    if (isDir) {
      yield* walk(full, rel, active, visited, isExcluded, signal);
    } else if (isFile) {
      try {
        stat ??= fs.statSync(full);
      } catch (err) {
        yield { kind: "skipped", path: full, reason: `cannot be read (${code(err)})` };
        continue;
      }
      yield { kind: "file", path: full, size: stat.size, mtimeMs: stat.mtimeMs };
    }
  }
}

function readGitignore(dir: string, relDir: string): IgnoreLevel | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, ".gitignore"), "utf8");
  } catch {
    return undefined;
  }
  return { prefix: relDir ? `${relDir}/` : "", ig: ignore().add(text) };
}

/** `rel` is relative to the scan's root; each .gitignore judges it relative to its own folder. */
function ignoredByGit(levels: IgnoreLevel[], rel: string, isDir: boolean): boolean {
  for (const { prefix, ig } of levels) {
    const own = rel.slice(prefix.length);
    if (own && ig.ignores(isDir ? own + "/" : own)) return true;
  }
  return false;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? String(err);
}

/** A NUL byte in the first 8 KB marks a binary file, as git decides. */
export function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

/**
 * Minified bundles: long lines on average, or one enormous line that is most of the file. Analysing
 * them only adds noise. One long line in an otherwise ordinary file (a test's long string of sample
 * data) does not make it minified.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    lines++;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  longest = Math.max(longest, text.length - start);
  return text.length / lines > 300 || (longest > 10_000 && longest > text.length / 2);
}
