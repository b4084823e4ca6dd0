/**
 * The optional live source: the OSV API (`POST /v1/querybatch`, then `GET /v1/vulns/{id}` for
 * records the local data lacks), behind `dependencies.onlineSources`. Asked once per package
 * version, in batches, with a timeout per request; answers are kept in memory and in the user's
 * cache for a day. Any failure falls back quietly to the local data: the check never waits long
 * and never fails because the network did.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AdvisorySource, DbMeta } from "./advisory-db";
import { advisoriesFromOsv, osvProblem, advisoryUrl, type Advisory } from "./osv";

export const OSV_API = "https://api.osv.dev";

export interface OnlineOptions {
  baseUrl?: string;
  /** Per request. */
  timeoutMs?: number;
  /** Queries per querybatch request (the API accepts 1,000). */
  batchSize?: number;
  /** JSON file that keeps answers between runs; none when absent. */
  cacheFile?: string;
  /** How long a cached answer stands. */
  maxAgeMs?: number;
}

export interface PackageVersion {
  name: string;
  version: string;
}

interface CachedAnswer {
  at: number;
  /** Advisory ids OSV says affect this version, with their `modified`. */
  vulns: { id: string; modified: string }[];
}

interface CacheFile {
  answers: Record<string, CachedAnswer>;
  records: Record<string, Advisory[]>;
}

const key = (p: PackageVersion) => `${p.name.toLowerCase()}@${p.version}`;

export class OnlineAdvisories implements AdvisorySource {
  private readonly answers = new Map<string, CachedAnswer>();
  /** Advisories fetched from the API, by id, as per-package entries. */
  private readonly records = new Map<string, Map<string, Advisory>>();
  private readonly options: Required<Omit<OnlineOptions, "cacheFile">> & { cacheFile?: string };
  /** The last failure, for a status line; undefined after a clean exchange. */
  lastError: string | undefined;
  requests = 0;

  constructor(
    private readonly local: AdvisorySource,
    options: OnlineOptions = {},
  ) {
    this.options = { baseUrl: OSV_API, timeoutMs: 5000, batchSize: 1000, maxAgeMs: 24 * 3600_000, ...options };
    this.loadCache();
  }

  get meta(): DbMeta {
    return this.local.meta;
  }

  advisoriesFor(name: string): readonly Advisory[] {
    const local = this.local.advisoriesFor(name);
    const live = this.records.get(name.toLowerCase());
    if (!live?.size) return local;
    const byId = new Map(local.map((a) => [a.id, a]));
    for (const a of live.values()) {
      const mine = byId.get(a.id);
      if (!mine || a.modified > mine.modified) byId.set(a.id, a);
    }
    return [...byId.values()];
  }

  /** Asks OSV about every package version not asked recently; resolves false when it fell back. */
  async prefetch(packages: PackageVersion[]): Promise<boolean> {
    const now = Date.now();
    const todo = [...new Map(packages.map((p) => [key(p), p])).values()].filter((p) => {
      const a = this.answers.get(key(p));
      return !a || now - a.at > this.options.maxAgeMs;
    });
    this.lastError = undefined;
    try {
      for (let i = 0; i < todo.length; i += this.options.batchSize) await this.queryBatch(todo.slice(i, i + this.options.batchSize));
      await this.fetchMissingRecords(packages);
      return true;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      return false;
    } finally {
      this.saveCache();
    }
  }

  private async post(pathname: string, body: unknown): Promise<unknown> {
    return this.request(pathname, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  }

  private async request(pathname: string, init: RequestInit = {}): Promise<unknown> {
    this.requests++;
    const url = `${this.options.baseUrl}${pathname}`;
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (err) {
      const cause = (err as Error).name === "TimeoutError" ? `no answer within ${this.options.timeoutMs} ms` : ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
      throw new Error(`OSV API unreachable (${url}): ${cause}`);
    }
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`OSV API ${url}: HTTP ${res.status}`);
    return res.json();
  }

  private async queryBatch(batch: PackageVersion[]): Promise<void> {
    let pending = batch.map((p) => ({ p, token: undefined as string | undefined, vulns: [] as CachedAnswer["vulns"] }));
    const done: typeof pending = [];
    while (pending.length) {
      const queries = pending.map(({ p, token }) => ({ package: { ecosystem: "npm", name: p.name }, version: p.version, ...(token ? { page_token: token } : {}) }));
      const body = (await this.post("/v1/querybatch", { queries })) as { results?: { vulns?: { id: string; modified: string }[]; next_page_token?: string }[] } | undefined;
      const results = body?.results;
      if (!Array.isArray(results) || results.length !== queries.length) throw new Error("OSV API: querybatch answered with the wrong number of results");
      const next: typeof pending = [];
      results.forEach((r, i) => {
        const q = pending[i]!;
        q.vulns.push(...(r.vulns ?? []).filter((v) => typeof v?.id === "string"));
        if (r.next_page_token) next.push({ ...q, token: r.next_page_token });
        else done.push(q);
      });
      pending = next;
    }
    const at = Date.now();
    for (const q of done) this.answers.set(key(q.p), { at, vulns: q.vulns });
  }

  /** Full records for ids the local data does not hold (or holds older); a stub when OSV has none. */
  private async fetchMissingRecords(packages: PackageVersion[]): Promise<void> {
    const wanted = new Map<string, { modified: string; hits: PackageVersion[] }>();
    for (const p of packages) {
      for (const v of this.answers.get(key(p))?.vulns ?? []) {
        const known = this.advisoriesFor(p.name).find((a) => a.id === v.id);
        if (known && known.modified >= v.modified) continue;
        const w = wanted.get(v.id) ?? { modified: v.modified, hits: [] };
        w.hits.push(p);
        wanted.set(v.id, w);
      }
    }
    const ids = [...wanted.keys()];
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(
        ids.slice(i, i + 8).map(async (id) => {
          const raw = await this.request(`/v1/vulns/${encodeURIComponent(id)}`);
          const hits = wanted.get(id)!.hits;
          const perPackage = raw && !osvProblem(raw) ? advisoriesFromOsv(raw as Record<string, unknown>) : new Map<string, Advisory>();
          for (const p of hits) this.remember(p.name, perPackage.get(p.name.toLowerCase()) ?? stub(id, wanted.get(id)!.modified, p));
        }),
      );
    }
  }

  private remember(name: string, advisory: Advisory): void {
    const n = name.toLowerCase();
    let m = this.records.get(n);
    if (!m) this.records.set(n, (m = new Map()));
    const prev = m.get(advisory.id);
    // A stub for one version adds to an earlier stub's versions.
    if (prev && prev.summary === advisory.summary && prev.affected[0]?.versions.length && advisory.affected[0]?.versions.length) {
      prev.affected[0].versions = [...new Set([...prev.affected[0].versions, ...advisory.affected[0].versions])];
    } else m.set(advisory.id, advisory);
  }

  private loadCache(): void {
    if (!this.options.cacheFile) return;
    try {
      const data = JSON.parse(readFileSync(this.options.cacheFile, "utf8")) as CacheFile;
      for (const [k, v] of Object.entries(data.answers ?? {})) this.answers.set(k, v);
      for (const [n, list] of Object.entries(data.records ?? {})) for (const a of list) this.remember(n, a);
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
  }

  private saveCache(): void {
    if (!this.options.cacheFile) return;
    const data: CacheFile = {
      answers: Object.fromEntries(this.answers),
      records: Object.fromEntries([...this.records].map(([n, m]) => [n, [...m.values()]])),
    };
    try {
      mkdirSync(path.dirname(this.options.cacheFile), { recursive: true });
      const tmp = `${this.options.cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.options.cacheFile);
    } catch {
      // A cache that cannot be written costs only a repeated query next time.
    }
  }
}

/** OSV says this version is affected but the record itself is unavailable: enough to report it. */
function stub(id: string, modified: string, p: PackageVersion): Advisory {
  return {
    id,
    aliases: [],
    summary: "Reported by the OSV API (details unavailable)",
    modified,
    severity: "medium",
    severityFrom: "default",
    cwe: [],
    url: advisoryUrl(id),
    affected: [{ ranges: [], versions: [p.version], functions: [] }],
  };
}
