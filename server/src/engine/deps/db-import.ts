/**
 * Imports OSV exports (a zip such as OSV.dev's npm `all.zip`, a folder of `<ID>.json` files, or
 * a URL to either) into an advisory store, and swaps it in atomically: the `current` pointer is
 * replaced by a rename only once the new store is complete and opens cleanly, so an update that
 * is interrupted at any point leaves the old data in use.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { readZip, ZipError } from "./zip";
import { advisoriesFromOsv, osvProblem, type Advisory } from "./osv";
import { AdvisoryDb, AdvisoryDbError, openUserDb, userAdvisoriesDir, writeAdvisoryDb, type DbMeta } from "./advisory-db";

export const ATTRIBUTION = "GitHub Advisory Database (CC-BY-4.0), via OSV.dev";

export interface ImportReport {
  meta: DbMeta;
  dir: string;
  /** Records skipped as malformed, with the reason (first few kept). */
  rejected: number;
  problems: string[];
  /** Records about other ecosystems, ignored. */
  otherEcosystems: number;
}

interface RawRecord {
  source: string;
  text: string;
}

/** Every OSV JSON document in a zip, folder or single file. */
export function readOsvExport(from: string): RawRecord[] {
  const stat = statSync(from);
  if (stat.isDirectory()) {
    const out: RawRecord[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".json")) out.push({ source: p, text: readFileSync(p, "utf8") });
      }
    };
    walk(from);
    return out;
  }
  const buf = readFileSync(from);
  if (buf.subarray(0, 2).toString() === "PK") {
    return readZip(buf)
      .filter((e) => e.name.endsWith(".json"))
      .map((e) => ({ source: `${from}:${e.name}`, text: e.read().toString("utf8") }));
  }
  return [{ source: from, text: buf.toString("utf8") }];
}

/**
 * Merges records by package and id. When two sources carry the same advisory, the newer
 * `modified` wins; what only the older copy has (GitHub's severity rating, CWEs, affected
 * functions) is kept.
 */
export function buildAdvisoryIndex(records: RawRecord[]): { byPackage: Map<string, Advisory[]>; rejected: number; problems: string[]; otherEcosystems: number } {
  const merged = new Map<string, Map<string, Advisory>>();
  const problems: string[] = [];
  let rejected = 0;
  let otherEcosystems = 0;
  for (const r of records) {
    let raw: unknown;
    try {
      raw = JSON.parse(r.text);
    } catch (err) {
      rejected++;
      if (problems.length < 10) problems.push(`${r.source}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const docs = Array.isArray(raw) ? raw : [raw];
    for (const doc of docs) {
      const problem = osvProblem(doc);
      if (problem) {
        rejected++;
        if (problems.length < 10) problems.push(`${r.source}: ${problem}`);
        continue;
      }
      const perPackage = advisoriesFromOsv(doc as Record<string, unknown>);
      if (perPackage.size === 0) otherEcosystems++;
      for (const [name, advisory] of perPackage) {
        let byId = merged.get(name);
        if (!byId) merged.set(name, (byId = new Map()));
        const prev = byId.get(advisory.id);
        byId.set(advisory.id, prev ? mergeCopies(prev, advisory) : advisory);
      }
    }
  }
  return { byPackage: new Map([...merged].map(([n, m]) => [n, [...m.values()]])), rejected, problems, otherEcosystems };
}

function mergeCopies(a: Advisory, b: Advisory): Advisory {
  const [newer, older] = a.modified >= b.modified ? [a, b] : [b, a];
  const out: Advisory = { ...newer };
  if (newer.severityFrom !== "database" && older.severityFrom === "database") {
    out.severity = older.severity;
    out.severityFrom = older.severityFrom;
  }
  out.score ??= older.score;
  if (out.score === undefined) delete out.score;
  if (!out.cwe.length) out.cwe = older.cwe;
  const functions = [...new Set([newer, older].flatMap((x) => x.affected.flatMap((r) => r.functions)))];
  if (functions.length) out.affected = newer.affected.map((r) => ({ ...r, functions }));
  return out;
}

export class ImportError extends Error {}

/** Builds a store from `sources` into `dir` (created empty); throws ImportError when nothing usable came in. */
export function importInto(dir: string, sources: string[], records: RawRecord[]): ImportReport {
  const { byPackage, rejected, problems, otherEcosystems } = buildAdvisoryIndex(records);
  if (byPackage.size === 0) {
    throw new ImportError(`no usable npm advisories in ${sources.join(", ")} (${records.length} files read, ${rejected} rejected${problems[0] ? `; first: ${problems[0]}` : ""})`);
  }
  mkdirSync(dir, { recursive: true });
  const meta = writeAdvisoryDb(dir, byPackage, { sources, attribution: ATTRIBUTION });
  AdvisoryDb.open(dir); // the new store must open before anything points at it
  return { meta, dir, rejected, problems, otherEcosystems };
}

/** Downloads a URL to a file, with a timeout; throws ImportError on any failure. */
export async function download(url: string, file: string, timeoutMs = 120_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ImportError(`cannot download ${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  if (!res.ok) throw new ImportError(`cannot download ${url}: HTTP ${res.status}`);
  try {
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  } catch (err) {
    throw new ImportError(`download of ${url} did not complete: ${(err as Error).message}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads every source (downloading URLs into `scratch`); problems become ImportError. */
async function collect(sources: string[], scratch: string, onStep: (message: string) => void): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for (const [i, from] of sources.entries()) {
    let local = from;
    if (/^https?:\/\//.test(from)) {
      onStep(`downloading ${from}`);
      local = path.join(scratch, `download-${i}`);
      await download(from, local);
    }
    onStep(`reading ${from}`);
    try {
      records.push(...readOsvExport(local));
    } catch (err) {
      if (err instanceof ZipError) throw new ImportError(`${from}: ${err.message}`);
      throw new ImportError(`${from}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    } finally {
      if (local !== from) rmSync(local, { force: true });
    }
  }
  return records;
}

/**
 * `vigil db update`: imports the sources (zip, folder, file or http(s) URL) into the user's cache
 * and makes the result current. Leftovers of interrupted runs are removed; the replaced store is
 * deleted once nothing points at it.
 */
export async function updateUserDb(sources: string[], cacheDir: string, onStep: (message: string) => void = () => {}): Promise<ImportReport> {
  const base = userAdvisoriesDir(cacheDir);
  mkdirSync(base, { recursive: true });
  const previous = openUserDb(cacheDir);
  for (const e of readdirSync(base)) {
    const m = /^(?:staging|db)-(\d+)-\d+$/.exec(e);
    const orphan = m && e !== (previous && path.basename(previous.dir)) && !isAlive(Number(m[1]));
    if (orphan) rmSync(path.join(base, e), { recursive: true, force: true });
  }
  const staging = path.join(base, `staging-${process.pid}-${Date.now()}`);
  mkdirSync(staging);
  try {
    const report = importInto(path.join(staging, "db"), sources, await collect(sources, staging, onStep));
    const finalName = `db-${process.pid}-${Date.now()}`;
    renameSync(path.join(staging, "db"), path.join(base, finalName));
    writeFileSync(path.join(base, "current.tmp"), finalName + "\n");
    renameSync(path.join(base, "current.tmp"), path.join(base, "current"));
    if (previous) rmSync(previous.dir, { recursive: true, force: true });
    return { ...report, dir: path.join(base, finalName) };
  } catch (err) {
    if (err instanceof AdvisoryDbError) throw new ImportError(err.message);
    throw err;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds a store into `outDir` (how the bundled snapshot is made), replacing what was there. */
export async function buildStore(sources: string[], outDir: string, onStep: (message: string) => void = () => {}): Promise<ImportReport> {
  const scratch = `${outDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    const records = await collect(sources, scratch, onStep);
    const labels = sources.map((s) => (/^https?:/.test(s) ? s : path.relative(outDir, s).split(path.sep).join("/")));
    const report = importInto(path.join(scratch, "db"), labels, records);
    mkdirSync(outDir, { recursive: true });
    for (const f of ["advisories.jsonl", "index.json", "meta.json"]) renameSync(path.join(scratch, "db", f), path.join(outDir, f));
    return { ...report, dir: outDir };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
