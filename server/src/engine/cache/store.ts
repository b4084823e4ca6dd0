/**
 * The result cache on disk: one file per set of scanned roots. Line 1 is a header naming the engine
 * build and the scan context (settings, threat models, advisory data) the results belong to, so a
 * cache from another build or other settings is dropped without reading the rest; line 2 holds the
 * entries, with paths interned in one table. Written to a temporary file and renamed into place, so
 * a reader never sees half a cache.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Finding } from "../finding";
import type { FileStat } from "./file-states";

export const CACHE_FORMAT = 1;

export interface CacheHeader {
  format: number;
  /** engineIdentity(): the code that computed the results. */
  engine: string;
  /** Digest of the settings, threat models and advisory data the results were computed with. */
  context: string;
}

/** One file's cached findings and what they were computed from. */
export interface CachedEntry {
  digest: string;
  findings: Finding[];
  /** Other files the analysis read, with the digest of what it saw (null: absent). */
  reads: [string, string | null][];
  /** Folders whose whole source the analysis queried, with the digest of their files then. */
  roots: [string, string][];
  /** Digest of the project's file list, when the analysis resolved imports (their absence counts too). */
  fileSet?: string;
  /** Threat-model files: digest of the rest of the project's findings they judged. */
  findingsDigest?: string;
  /** Analyses of this content in a row that ran out of time. */
  timeouts?: number;
}

export interface CacheData {
  entries: Map<string, CachedEntry>;
  stats: Map<string, FileStat>;
}

interface StoredEntry {
  p: number;
  d: string;
  f: Finding[];
  r?: [number, string | null][];
  q?: [number, string][];
  j?: string;
  a?: string;
  t?: number;
}

interface StoredBody {
  paths: string[];
  stats: [number, number, number, string][];
  entries: StoredEntry[];
}

export function emptyCache(): CacheData {
  return { entries: new Map(), stats: new Map() };
}

/**
 * Reads a cache written for `header`; anything else (none yet, another build or settings, a
 * damaged file) gives an empty cache. Damage is logged; it never stops a scan.
 */
export function readCache(file: string, header: CacheHeader, log: (message: string) => void): CacheData {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") log(`cannot read the scan cache ${file} (${(err as NodeJS.ErrnoException).code}); starting afresh`);
    return emptyCache();
  }
  try {
    const newline = text.indexOf("\n");
    const stored = JSON.parse(newline === -1 ? text : text.slice(0, newline)) as Partial<CacheHeader>;
    if (typeof stored !== "object" || stored === null || typeof stored.engine !== "string") throw new Error("no header");
    if (stored.format !== header.format || stored.engine !== header.engine || stored.context !== header.context) return emptyCache();
    return decode(JSON.parse(text.slice(newline + 1)) as StoredBody);
  } catch (err) {
    log(`the scan cache ${file} is damaged (${err instanceof Error ? err.message : String(err)}); starting afresh`);
    return emptyCache();
  }
}

let writes = 0;

export function writeCache(file: string, header: CacheHeader, data: CacheData): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Unique per write, so two scans saving at once (processes or a server's folders) never share one.
  const temp = `${file}.${process.pid}.${++writes}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(header)}\n${JSON.stringify(encode(data))}\n`);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function encode(data: CacheData): StoredBody {
  const paths: string[] = [];
  const index = new Map<string, number>();
  const id = (p: string) => {
    let i = index.get(p);
    if (i === undefined) index.set(p, (i = paths.push(p) - 1));
    return i;
  };
  const entries: StoredEntry[] = [];
  for (const [p, e] of data.entries) {
    const stored: StoredEntry = { p: id(p), d: e.digest, f: e.findings };
    if (e.reads.length) stored.r = e.reads.map(([r, d]) => [id(r), d]);
    if (e.roots.length) stored.q = e.roots.map(([r, d]) => [id(r), d]);
    if (e.fileSet !== undefined) stored.j = e.fileSet;
    if (e.findingsDigest !== undefined) stored.a = e.findingsDigest;
    if (e.timeouts !== undefined) stored.t = e.timeouts;
    entries.push(stored);
  }
  const stats = [...data.stats].map(([p, s]): [number, number, number, string] => [id(p), s.mtimeMs, s.size, s.digest]);
  return { paths, stats, entries };
}

function decode(body: StoredBody): CacheData {
  const { paths } = body;
  if (!Array.isArray(paths) || !Array.isArray(body.stats) || !Array.isArray(body.entries)) throw new Error("missing tables");
  const at = (i: number) => {
    const p = paths[i];
    if (typeof p !== "string") throw new Error(`no path number ${i}`);
    return p;
  };
  const data = emptyCache();
  for (const [i, mtimeMs, size, digest] of body.stats) {
    if (typeof mtimeMs !== "number" || typeof size !== "number" || typeof digest !== "string") throw new Error("bad file stat");
    data.stats.set(at(i), { mtimeMs, size, digest });
  }
  for (const e of body.entries) {
    if (typeof e.d !== "string" || !Array.isArray(e.f)) throw new Error("bad entry");
    const entry: CachedEntry = {
      digest: e.d,
      findings: e.f,
      reads: (e.r ?? []).map(([i, d]) => [at(i), d]),
      roots: (e.q ?? []).map(([i, d]) => [at(i), d]),
    };
    if (e.j !== undefined) entry.fileSet = e.j;
    if (e.a !== undefined) entry.findingsDigest = e.a;
    if (e.t !== undefined) entry.timeouts = e.t;
    data.entries.set(at(e.p), entry);
  }
  return data;
}
