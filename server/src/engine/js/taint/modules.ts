import type ts from "../typescript";
import type { Deadline } from "../../deadline";
import * as path from "node:path";
import { contentHash, FileAnalysis } from "./analysis";
import { isSourceFree } from "./source-triggers";

/** Reads other files of the project for cross-file summaries; undefined when a file does not exist. */
export interface SourceFiles {
  read(filePath: string): string | undefined;
}

/** One top-level analysis: how to read imports, and which modules are being analysed (cycles). */
export interface ModuleHost {
  files?: SourceFiles;
  loading: Set<string>;
  /** The analysed file's time budget, which also bounds the modules it imports. */
  deadline?: Deadline;
}

interface CacheEntry {
  hash: string;
  analysis: FileAnalysis;
}

/** Each entry keeps its syntax tree for summaries computed later: bound the memory. */
const MAX_CACHED = 64;
const MAX_DEPTH = 6;
/** Analyses of imported modules by path, reused while their content and their imports' content are unchanged. */
const cache = new Map<string, CacheEntry>();

/** The trees the cached analyses hold, for memory accounting. */
export function cachedModuleTrees(): ts.SourceFile[] {
  return [...cache.values()].map((entry) => entry.analysis.sf);
}

const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

/** Files an import may name, in the order tried; the same few imports recur across a folder's files. */
const candidatesByImport = new Map<string, readonly string[]>();

function candidates(from: string, spec: string): readonly string[] {
  const dir = path.dirname(from);
  const key = `${dir}\0${spec}`;
  let out = candidatesByImport.get(key);
  if (!out) {
    if (candidatesByImport.size >= 10_000) candidatesByImport.clear();
    out = candidatePaths(dir, spec).filter((c) => EXTENSIONS.some((e) => c.endsWith(e)));
    candidatesByImport.set(key, out);
  }
  return out;
}

function candidatePaths(dir: string, spec: string): string[] {
  const base = path.join(dir, spec);
  const out = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  // TypeScript ESM imports name the emitted file: "./db.js" is db.ts in the source tree.
  const ext = path.extname(base);
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs" || ext === ".jsx") {
    const stem = base.slice(0, -ext.length);
    out.splice(1, 0, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`);
  }
  return out;
}

/** The digest recorded for a path an import tried and did not find: it must still be missing. */
const ABSENT = "";

/** Still valid when the file and every module it was summarised from have the content they had. */
function isFresh(entry: CacheEntry, files: SourceFiles, seen: Set<string>): boolean {
  for (const [dep, hash] of entry.analysis.deps) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    const text = files.read(dep);
    if (hash === ABSENT) {
      if (text !== undefined) return false;
      continue;
    }
    if (text === undefined || contentHash(text, dep) !== hash) return false;
    const depEntry = cache.get(dep);
    if (depEntry && (depEntry.hash !== hash || !isFresh(depEntry, files, seen))) return false;
  }
  return true;
}

/** Source-freeness of modules by path, for the text it was judged on. */
const sourceFree = new Map<string, { text: string; free: boolean }>();

function judgedSourceFree(file: string, text: string): boolean {
  const known = sourceFree.get(file);
  if (known?.text === text) return known.free;
  if (sourceFree.size >= 10_000) sourceFree.clear();
  const free = isSourceFree(text);
  sourceFree.set(file, { text, free });
  return free;
}

/**
 * The analysis of a relative import, from the cache or analysed now; undefined when unreadable or
 * cyclic. With `unlessSourceFree` (a call given no tainted data), a module not yet analysed that
 * can return no source's data is not analysed: "source-free", the call gives nothing tainted.
 */
export function loadModule(from: FileAnalysis, spec: string, unlessSourceFree = false): FileAnalysis | "source-free" | undefined {
  const host = from.host;
  const files = host.files;
  if (!files || host.loading.size >= MAX_DEPTH) return undefined;
  for (const candidate of candidates(from.file.path, spec)) {
    if (candidate === from.file.path) continue;
    const text = files.read(candidate);
    if (text === undefined) {
      // A file created here later would be imported instead.
      from.deps.set(candidate, ABSENT);
      continue;
    }
    const hash = contentHash(text, candidate);
    from.deps.set(candidate, hash);
    if (host.loading.has(candidate)) return undefined;
    const hit = cache.get(candidate);
    if (hit && hit.hash === hash && isFresh(hit, files, new Set([candidate]))) {
      hit.analysis.host = host;
      cache.delete(candidate); // most recently used last
      cache.set(candidate, hit);
      return hit.analysis;
    }
    if (unlessSourceFree && judgedSourceFree(candidate, text)) return "source-free";
    host.loading.add(candidate);
    try {
      const analysis = new FileAnalysis(text, candidate, host).run(true);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(candidate, { hash, analysis });
      return analysis;
    } finally {
      host.loading.delete(candidate);
    }
  }
  return undefined;
}
