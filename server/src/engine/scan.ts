import { statSync } from "node:fs";
import * as os from "node:os";
import type { Finding } from "./finding";
import { isAnalysable, type AnalysisContext } from "./analyze";
import { enumerateFiles } from "./files";
import { scanThreatModels } from "./threatmodel/scope";
import { isThreatModelFile } from "./threatmodel/model";
import { dependencyContext } from "./deps/context";
import { dependencyFileKind } from "./deps/check";
import { defaultAdvisorySource } from "./deps/advisory-db";
import { analyseFileTask, skippedFinding, type FileOutcome, type FileTask } from "./parallel/file-task";
import { WorkerPool } from "./parallel/pool";
import { ResultCache } from "./cache/result-cache";
import { engineIdentity } from "./cache/engine-identity";
import { scanContextDigest } from "./cache/scan-context";
import { digestParts } from "./cache/digest";

type FileStat = { mtimeMs: number; size: number };

export { skippedFinding } from "./parallel/file-task";

export interface ScanOptions extends AnalysisContext {
  signal?: AbortSignal;
  /** Called after each file: files done, files in total. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** The clock threat-model acceptances expire by (default: now); tests inject one. */
  now?: Date;
  /**
   * Folder of the persistent result cache (created if missing). A file is re-analysed only when its
   * content, a file its analysis read (imports, lockfiles), the engine build, the settings, the
   * threat models or the advisory data changed. Absent: no cache.
   */
  cacheDir?: string;
  /**
   * Worker threads that analyse files. Absent: automatic (in-process for small scans, up to
   * `os.availableParallelism()` workers when many files need analysis); 1: in-process.
   */
  jobs?: number;
  /** Problems of the scan machinery itself (a damaged cache, a failed worker); default: standard error. */
  log?: (message: string) => void;
}

export interface FileResult {
  path: string;
  findings: Finding[];
}

/** With `jobs` automatic, more files than this to analyse start worker threads. */
const PARALLEL_THRESHOLD = 200;
/** ... and each worker should have at least this many files, or starting it costs more than it saves. */
const FILES_PER_WORKER = 100;

/** Reads and analyses one file from disk; every problem becomes a finding, never an exception. */
export async function analyzePath(path: string, size: number, context: AnalysisContext): Promise<Finding[]> {
  return (await analyseFileTask({ path, size }, context)).findings;
}

/**
 * Scans files and folders, streaming one result per file that has findings or notices, in the
 * same order whether results come from the cache, this thread or worker threads. Files are
 * enumerated first (cheap) so progress can say "n of total".
 */
export async function* scanProject(roots: string[], options: ScanOptions): AsyncGenerator<FileResult> {
  const log = options.log ?? ((message: string) => void process.stderr.write(`vigil: ${message}\n`));
  const queue: FileTask[] = [];
  const enumerated: string[] = [];
  for (const root of roots) {
    for await (const entry of enumerateFiles(root, { exclude: options.settings.exclude, signal: options.signal })) {
      if (entry.kind === "skipped") {
        yield { path: entry.path, findings: [skippedFinding(entry.path, entry.reason, options)] };
        continue;
      }
      enumerated.push(entry.path);
      if (isAnalysable(entry.path)) queue.push(entry);
    }
  }
  const threatModels = options.threatModels ?? (await scanThreatModels(roots, queue.map((q) => q.path), options.now ?? new Date()));
  const deps = options.project ? {} : await dependencyContext(queue.map((q) => q.path), options.settings);
  const context: AnalysisContext = { ...deps, ...options, threatModels };
  const cache = options.cacheDir
    ? ResultCache.open({
        dir: options.cacheDir,
        roots,
        engine: engineIdentity(),
        context: scanContextDigest(options.settings, threatModels, context.advisories ?? defaultAdvisorySource()),
        files: enumerated,
        log,
      })
    : undefined;
  // Live advisory data changes with no file changing: dependency files are then always checked.
  const cacheable = (file: string) => !!cache && !(options.settings.dependencies.onlineSources && dependencyFileKind(file));
  // Dependency files need this thread's advisory source; caller-supplied project facts cannot cross threads.
  const mainThreadOnly = (file: string) => !!options.project || dependencyFileKind(file) !== undefined;
  const analyseHere = (task: FileTask) => analyseFileTask(task, context, cache?.digests);
  const store = (task: FileTask, stat: FileStat | undefined, outcome: FileOutcome, judged?: string) => {
    if (stat) cache!.store(task.path, stat, outcome, judged);
  };

  // Threat-model files judge the findings of every other file, so they come last, on this thread.
  const code = queue.filter((f) => !isThreatModelFile(f.path));
  const models = queue.filter((f) => isThreatModelFile(f.path));
  let done = 0;
  const report = (task: FileTask, findings: Finding[]) => {
    threatModels.project?.findings.push(...findings);
    options.onProgress?.(++done, queue.length, task.path);
  };
  let pool: WorkerPool | undefined;
  let stopping = false;
  try {
    const cached = code.map((task) => (cacheable(task.path) ? cache!.lookup(task.path) : undefined));
    const forWorkers = code.filter((task, i) => !cached[i] && !mainThreadOnly(task.path)).length;
    const workers = workerCount(options.jobs, forWorkers);
    if (workers > 0) {
      const setup = { settings: options.settings, threatModels: { models: threatModels.models, now: threatModels.now }, record: !!cache };
      pool = new WorkerPool(workers, setup);
    }
    let workerFailed = false;
    const fallback = (task: FileTask, err: Error): FileOutcome | Promise<FileOutcome> => {
      if (stopping) return { findings: [] };
      if (!workerFailed) log(`a scan worker failed (${err.message.split("\n")[0]}); its files are analysed in the main thread`);
      workerFailed = true;
      return analyseHere(task);
    };
    // Every miss is handed to the pool now (workers take files as they free up); results are taken in order.
    const pending = code.map((task, i) => {
      if (cached[i]) return undefined;
      const stat = cacheable(task.path) ? statOf(task.path) : undefined;
      const outcome = pool && !mainThreadOnly(task.path) ? pool.run(task).catch((err: Error) => fallback(task, err)) : undefined;
      return { stat, outcome };
    });
    for (const [i, task] of code.entries()) {
      if (options.signal?.aborted) return;
      let findings = cached[i];
      if (!findings) {
        const { stat, outcome } = pending[i]!;
        const result = await (outcome ?? analyseHere(task));
        store(task, stat, result);
        findings = result.findings;
      }
      report(task, findings);
      if (findings.length) yield { path: task.path, findings };
    }
    stopping = true;
    await pool?.close();
    pool = undefined;
    for (const task of models) {
      if (options.signal?.aborted) return;
      const judged = cacheable(task.path) ? findingsDigest(threatModels.project?.findings ?? []) : undefined;
      let findings = judged === undefined ? undefined : cache!.lookup(task.path, judged);
      if (!findings) {
        const stat = judged === undefined ? undefined : statOf(task.path);
        const outcome = await analyseHere(task);
        store(task, stat, outcome, judged);
        findings = outcome.findings;
      }
      report(task, findings);
      if (findings.length) yield { path: task.path, findings };
    }
  } finally {
    stopping = true;
    await pool?.close();
    try {
      cache?.save();
    } catch (err) {
      log(`cannot write the scan cache in ${options.cacheDir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
}

/** What a threat-model file's staleness checks see of the other findings. */
function findingsDigest(findings: readonly Finding[]): string {
  return digestParts(findings.map((f) => `${f.path}\0${f.ruleId}\0${f.fingerprint}`));
}

/** Taken before a file is read, so a change during the scan shows as a newer time next scan. */
function statOf(file: string): FileStat | undefined {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined; // unreadable: analysing it gives a notice, and nothing is cached
  }
}

function workerCount(jobs: number | undefined, files: number): number {
  if (jobs !== undefined) return jobs > 1 ? Math.min(Math.floor(jobs), files) : 0;
  const cores = os.availableParallelism();
  return files > PARALLEL_THRESHOLD && cores > 1 ? Math.min(cores, Math.ceil(files / FILES_PER_WORKER)) : 0;
}

