/**
 * The local advisory store: the snapshot bundled with Vigil, or the user's own from `vigil db
 * update`. On disk, one folder:
 *   meta.json         what it is: date of the newest record, record count, sources, attribution
 *   index.json        package name -> [byte offset, byte length] in advisories.jsonl
 *   advisories.jsonl  one line per package: a JSON array of its advisories
 * Only the index is read up front; a package's advisories are read the first time it is asked for.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Advisory } from "./osv";

export const DB_FORMAT = 1;

export interface DbMeta {
  format: number;
  /** ISO date of the newest record's `modified`: how current the data is. */
  date: string;
  records: number;
  withdrawn: number;
  packages: number;
  importedAt: string;
  sources: string[];
  attribution: string;
}

/** Anything the dependency check can ask for advisories: the local store, or that plus the live API. */
export interface AdvisorySource {
  readonly meta: DbMeta;
  advisoriesFor(name: string): readonly Advisory[];
}

export class AdvisoryDbError extends Error {}

/** Above this size the jsonl file is read package by package instead of held in memory. */
const IN_MEMORY_LIMIT = 32 * 1024 * 1024;

export class AdvisoryDb implements AdvisorySource {
  private readonly cache = new Map<string, readonly Advisory[]>();
  private data: Buffer | undefined;

  private constructor(
    readonly dir: string,
    readonly meta: DbMeta,
    private readonly index: Record<string, [number, number]>,
  ) {}

  /** Opens a store, checking its shape; throws AdvisoryDbError naming what is wrong. */
  static open(dir: string): AdvisoryDb {
    const read = (file: string): unknown => {
      try {
        return JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      } catch (err) {
        throw new AdvisoryDbError(`${path.join(dir, file)}: ${(err as Error).message}`);
      }
    };
    const meta = read("meta.json") as DbMeta;
    if (meta?.format !== DB_FORMAT) throw new AdvisoryDbError(`${dir}: unsupported advisory store format ${String(meta?.format)}`);
    const index = read("index.json") as Record<string, [number, number]>;
    if (typeof index !== "object" || index === null) throw new AdvisoryDbError(`${dir}: index.json is not an object`);
    const size = statSync(path.join(dir, "advisories.jsonl")).size;
    for (const [name, [offset, length]] of Object.entries(index)) {
      if (!(offset >= 0 && length > 0 && offset + length <= size)) throw new AdvisoryDbError(`${dir}: index entry for "${name}" points outside advisories.jsonl`);
    }
    return new AdvisoryDb(dir, meta, index);
  }

  advisoriesFor(name: string): readonly Advisory[] {
    const key = name.toLowerCase();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const at = Object.hasOwn(this.index, key) ? this.index[key] : undefined;
    const list = at ? (JSON.parse(this.slice(at[0], at[1])) as Advisory[]) : [];
    this.cache.set(key, list);
    return list;
  }

  /** Every package the store knows, for validation and the snapshot's own tests. */
  packageNames(): string[] {
    return Object.keys(this.index);
  }

  private slice(offset: number, length: number): string {
    const file = path.join(this.dir, "advisories.jsonl");
    if (!this.data && statSync(file).size <= IN_MEMORY_LIMIT) this.data = readFileSync(file);
    if (this.data) return this.data.toString("utf8", offset, offset + length);
    const buf = Buffer.alloc(length);
    const fd = openSync(file, "r");
    try {
      readSync(fd, buf, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    return buf.toString("utf8");
  }
}

/** Writes a store into `dir` (which must exist and be empty); returns its meta. */
export function writeAdvisoryDb(dir: string, byPackage: Map<string, Advisory[]>, about: Pick<DbMeta, "sources" | "attribution">): DbMeta {
  const index: Record<string, [number, number]> = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  const ids = new Set<string>();
  const withdrawn = new Set<string>();
  let date = "";
  for (const name of [...byPackage.keys()].sort()) {
    const list = byPackage.get(name)!.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const a of list) {
      ids.add(a.id);
      if (a.withdrawn) withdrawn.add(a.id);
      if (a.modified > date) date = a.modified;
    }
    const line = Buffer.from(JSON.stringify(list) + "\n");
    index[name] = [offset, line.length - 1];
    chunks.push(line);
    offset += line.length;
  }
  const meta: DbMeta = {
    format: DB_FORMAT,
    date: date.slice(0, 10),
    records: ids.size,
    withdrawn: withdrawn.size,
    packages: byPackage.size,
    importedAt: new Date().toISOString(),
    ...about,
  };
  writeFileSync(path.join(dir, "advisories.jsonl"), Buffer.concat(chunks));
  writeFileSync(path.join(dir, "index.json"), JSON.stringify(index));
  // meta.json last: a folder without it is an unfinished write.
  writeFileSync(path.join(dir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
  return meta;
}

/** Where `vigil db update` keeps the user's store: $VIGIL_CACHE_DIR, else the platform's cache folder. */
export function userCacheDir(): string {
  if (process.env.VIGIL_CACHE_DIR) return process.env.VIGIL_CACHE_DIR;
  const home = os.homedir();
  if (process.platform === "win32") return path.join(process.env.LOCALAPPDATA ?? path.join(home, "AppData", "Local"), "vigil");
  if (process.platform === "darwin") return path.join(home, "Library", "Caches", "vigil");
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(home, ".cache"), "vigil");
}

/** The folder under the cache that holds advisory stores and the `current` pointer. */
export function userAdvisoriesDir(cacheDir = userCacheDir()): string {
  return path.join(cacheDir, "advisories");
}

/** The store `current` points at, or undefined when the user has none (or it is unreadable). */
export function openUserDb(cacheDir = userCacheDir()): AdvisoryDb | undefined {
  const base = userAdvisoriesDir(cacheDir);
  let name: string;
  try {
    name = readFileSync(path.join(base, "current"), "utf8").trim();
  } catch {
    return undefined;
  }
  try {
    return AdvisoryDb.open(path.join(base, path.basename(name)));
  } catch {
    return undefined;
  }
}

/** The snapshot shipped with Vigil: data/advisories, found upward from this module (source tree or bundle). */
export function bundledSnapshotDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "data", "advisories");
    if (existsSync(path.join(candidate, "meta.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new AdvisoryDbError("the bundled advisory snapshot (data/advisories) is missing");
  }
}

let defaultSource: AdvisoryDb | undefined;

/** The user's store when there is one, else the bundled snapshot; opened once per process. */
export function defaultAdvisorySource(): AdvisoryDb {
  defaultSource ??= openUserDb() ?? AdvisoryDb.open(bundledSnapshotDir());
  return defaultSource;
}

/** Forgets the opened store, so the next check sees a `vigil db update` made since. */
export function reloadAdvisorySource(): void {
  defaultSource = undefined;
}
