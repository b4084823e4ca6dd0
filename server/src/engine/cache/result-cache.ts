import * as path from "node:path";
import type { Finding } from "../finding";
import { digestParts } from "./digest";
import { FileStates } from "./file-states";
import { TextDigests } from "./recording-facts";
import { CACHE_FORMAT, readCache, writeCache, type CacheData, type CacheHeader, type CachedEntry } from "./store";
import type { FileOutcome } from "../parallel/file-task";

const TIMEOUT_RULE = "vigil/analysis-timeout";
/** Paths a JS/TS import can resolve to: whether they exist decides what an analysis saw. */
const MODULE_PATH = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface ResultCacheOptions {
  dir: string;
  roots: string[];
  /** Engine identity and scan-context digest the results must match. */
  engine: string;
  context: string;
  /** Every file the scan enumerated (analysable or not), for project-wide dependencies. */
  files: string[];
  /** Stats the scan took of those files as it enumerated them. */
  stats?: ReadonlyMap<string, { mtimeMs: number; size: number }>;
  log: (message: string) => void;
}

/**
 * Per-file scan results kept between scans. A result is reused only when the file's content, every
 * file its analysis read, every folder it queried and (for import resolution) the project's module
 * list are as they were; threat-model files also need the findings they judged to be unchanged.
 */
export class ResultCache {
  readonly states: FileStates;
  /** Digests of texts read by analyses in this process, shared by their recorders. */
  readonly digests = new TextDigests();
  private readonly next = new Map<string, CachedEntry>();
  private readonly visited = new Set<string>();
  private readonly rootDigests = new Map<string, string>();
  private fileSetDigest: string | undefined;
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly header: CacheHeader,
    private readonly previous: CacheData,
    private readonly files: string[],
    observed?: ReadonlyMap<string, { mtimeMs: number; size: number }>,
  ) {
    this.states = new FileStates(previous.stats, observed);
  }

  static open(options: ResultCacheOptions): ResultCache {
    const rootsKey = digestParts([...options.roots.map((r) => path.resolve(r))].sort()).slice(0, 16);
    const file = path.join(options.dir, `scan-${rootsKey}.json`);
    const header: CacheHeader = { format: CACHE_FORMAT, engine: options.engine, context: options.context };
    return new ResultCache(file, header, readCache(file, header, options.log), options.files, options.stats);
  }

  /** The cached findings of `file` when nothing they were computed from changed; else undefined. */
  lookup(file: string, judgedFindings?: string): Finding[] | undefined {
    this.visited.add(file);
    const entry = this.previous.entries.get(file);
    if (!entry || !this.isCurrent(file, entry) || entry.findingsDigest !== judgedFindings) return undefined;
    // An analysis that ran out of time once may have met a busy machine: it is tried once more.
    if (entry.timeouts === 1) return undefined;
    this.next.set(file, entry);
    return entry.findings;
  }

  /** Keeps a fresh outcome; `stat` is the file's, taken before it was read. */
  store(file: string, stat: { mtimeMs: number; size: number }, outcome: FileOutcome, judgedFindings?: string): void {
    const { digest, inputs, findings } = outcome;
    if (digest === undefined || !inputs) return;
    this.states.note(file, stat, digest);
    const entry: CachedEntry = { digest, findings, reads: inputs.reads, roots: inputs.roots.map((r) => [r, this.rootDigest(r)]) };
    if (inputs.reads.some(([p]) => MODULE_PATH.test(p))) entry.fileSet = this.moduleListDigest();
    if (judgedFindings !== undefined) entry.findingsDigest = judgedFindings;
    // Out of time twice in a row, the notice is kept: running out again on every scan would cost the whole budget each time.
    if (findings.some((f) => f.ruleId === TIMEOUT_RULE)) {
      const before = this.previous.entries.get(file);
      entry.timeouts = before?.digest === digest && before.timeouts ? before.timeouts + 1 : 1;
    }
    this.next.set(file, entry);
    this.changed = true;
  }

  /** Writes the cache when anything changed: entries of files no longer scanned are dropped. */
  save(): void {
    const scanned = new Set(this.files);
    // A scan that stopped early keeps the entries of files it did not reach; they are checked when used.
    for (const [file, entry] of this.previous.entries) if (scanned.has(file) && !this.visited.has(file)) this.next.set(file, entry);
    if (!this.changed && !this.states.hasNewStats() && this.next.size === this.previous.entries.size) return;
    const referenced = new Set<string>();
    for (const [file, entry] of this.next) {
      referenced.add(file);
      for (const [p] of entry.reads) referenced.add(p);
    }
    writeCache(this.file, this.header, { entries: this.next, stats: this.states.snapshot((f) => referenced.has(f)) });
  }

  private isCurrent(file: string, entry: CachedEntry): boolean {
    if (this.states.digestOf(file) !== entry.digest) return false;
    if (entry.fileSet !== undefined && entry.fileSet !== this.moduleListDigest()) return false;
    for (const [p, d] of entry.reads) if (this.states.digestOf(p) !== d) return false;
    for (const [root, d] of entry.roots) if (this.rootDigest(root) !== d) return false;
    return true;
  }

  /** The project's module paths: adding or removing one can change what an import resolves to. */
  private moduleListDigest(): string {
    this.fileSetDigest ??= digestParts(this.files.filter((f) => MODULE_PATH.test(f)).sort());
    return this.fileSetDigest;
  }

  /** Every scanned file under `root` with its content: what a query over the folder could see. */
  private rootDigest(root: string): string {
    let d = this.rootDigests.get(root);
    if (d === undefined) {
      const under = this.files.filter((f) => isWithin(root, f)).sort();
      d = digestParts(under.map((f) => `${f}\0${this.states.digestOf(f) ?? ""}`));
      this.rootDigests.set(root, d);
    }
    return d;
  }
}

function isWithin(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return !rel.startsWith("..") && !path.isAbsolute(rel);
}
