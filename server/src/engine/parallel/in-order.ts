import { statSync } from "node:fs";
import * as os from "node:os";
import { eventLoopTurns } from "../event-loop";
import type { Finding } from "../finding";
import type { ResultCache } from "../cache/result-cache";
import type { FileOutcome, FileTask } from "./file-task";
import { WorkerPool } from "./pool";
import type { WorkerSetup } from "./protocol";

/** With `jobs` automatic, more files than this to analyse start worker threads. */
const PARALLEL_THRESHOLD = 200;
/** ... and each worker should get at least this many, or starting it costs more than it saves. */
const FILES_PER_WORKER = 100;
/**
 * Automatic workers need this many cores: on two, V8's garbage collector already keeps the second
 * core busy, and two workers gave the 1M-line corpus no shorter wall time for 40% more CPU and
 * twice the memory. One core is left to this thread.
 */
const MIN_CORES_FOR_WORKERS = 4;

export interface InOrderOptions {
  /** The result cache, and which files it may hold (absent: none). */
  cache?: ResultCache;
  cacheable(file: string): boolean;
  /** Files whose analysis needs this thread's context. */
  mainThreadOnly(file: string): boolean;
  analyseHere(task: FileTask): Promise<FileOutcome>;
  /**
   * Files the analyses have just parsed for others (imported modules), whose trees are kept a
   * while: without workers they are analysed next, out of turn, so the tree serves them too.
   */
  parsedForOthers?(): Iterable<string>;
  /** As ScanOptions.jobs. */
  jobs: number | undefined;
  setup: WorkerSetup;
  signal?: AbortSignal;
  log(message: string): void;
}

/**
 * The findings of `tasks`, in their order, each from the cache when it is current, else from a
 * worker thread or this one. Every miss is handed to the pool at once; fresh outcomes go into the
 * cache.
 */
export async function* analyseInOrder(tasks: FileTask[], options: InOrderOptions): AsyncGenerator<[FileTask, Finding[]]> {
  const { cache, cacheable, mainThreadOnly, analyseHere } = options;
  const cached = tasks.map((task) => (cacheable(task.path) ? cache!.lookup(task.path) : undefined));
  const forWorkers = tasks.filter((task, i) => !cached[i] && !mainThreadOnly(task.path)).length;
  const workers = workerCount(options.jobs, forWorkers);
  const pool = workers > 0 ? new WorkerPool(workers, options.setup) : undefined;
  let stopping = false;
  let workerFailed = false;
  const fallback = (task: FileTask, err: Error): FileOutcome | Promise<FileOutcome> => {
    if (stopping) return { findings: [] };
    if (!workerFailed) options.log(`a scan worker failed (${err.message.split("\n")[0]}); its files are analysed in the main thread`);
    workerFailed = true;
    return analyseHere(task);
  };
  const toPool = pool ? tasks.filter((task, i) => !cached[i] && !mainThreadOnly(task.path)) : [];
  const fromPool = new Map<FileTask, Promise<FileOutcome>>();
  // Stats are taken before the files are read, so a change during the scan shows as a newer time next time.
  const stats = tasks.map((task, i) => (!cached[i] && cacheable(task.path) ? enumeratedStat(task) ?? statOf(task.path) : undefined));
  pool?.runAll(toPool).forEach((outcome, i) => fromPool.set(toPool[i]!, outcome.catch((err: Error) => fallback(toPool[i]!, err))));
  const turn = eventLoopTurns();
  // Outcomes of files analysed out of turn, by index, until their turn comes.
  const early = new Map<number, FileOutcome>();
  const position = new Map(tasks.map((task, i) => [task.path, i]));
  const analyseParsedForOthers = async (after: number) => {
    for (let more = true; more && options.parsedForOthers; ) {
      more = false;
      for (const file of options.parsedForOthers()) {
        const j = position.get(file);
        if (j === undefined || j <= after || cached[j] || early.has(j)) continue;
        await turn();
        if (options.signal?.aborted) return;
        early.set(j, await analyseHere(tasks[j]!));
        more = true;
      }
    }
  };
  try {
    for (const [i, task] of tasks.entries()) {
      await turn();
      if (options.signal?.aborted) return;
      let findings = cached[i];
      if (!findings) {
        const result = early.get(i) ?? (await (fromPool.get(task) ?? analyseHere(task)));
        early.delete(i);
        if (!pool) await analyseParsedForOthers(i);
        const stat = stats[i];
        if (stat) cache!.store(task.path, stat, result);
        findings = result.findings;
      }
      yield [task, findings];
    }
  } finally {
    stopping = true;
    await pool?.close();
  }
}

function enumeratedStat(task: FileTask): { mtimeMs: number; size: number } | undefined {
  return task.mtimeMs === undefined ? undefined : { mtimeMs: task.mtimeMs, size: task.size };
}

export function statOf(file: string): { mtimeMs: number; size: number } | undefined {
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
  return files > PARALLEL_THRESHOLD && cores >= MIN_CORES_FOR_WORKERS ? Math.min(cores - 1, Math.ceil(files / FILES_PER_WORKER)) : 0;
}
