import type { Finding } from "./finding";
import { isAnalysable, type AnalysisContext } from "./analyze";
import { enumerateFiles } from "./files";
import { scanThreatModels } from "./threatmodel/scope";
import { isThreatModelFile } from "./threatmodel/model";
import { dependencyContext } from "./deps/context";
import { dependencyFileKind } from "./deps/check";
import { defaultAdvisorySource } from "./deps/advisory-db";
import { analyseFileTask, skippedFinding, type FileTask } from "./parallel/file-task";
import { analyseInOrder, statOf } from "./parallel/in-order";
import { ResultCache } from "./cache/result-cache";
import { engineIdentity } from "./cache/engine-identity";
import { scanContextDigest } from "./cache/scan-context";
import { digestParts } from "./cache/digest";
import { keptTreePaths } from "./js/native/parse";

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
   * Worker threads that analyse files. Absent: automatic (in-process for small scans and on fewer
   * than four cores, else up to one worker per core but one when many files need analysis); 1: in-process.
   */
  jobs?: number;
  /** Problems of the scan machinery itself (a damaged cache, a failed worker); default: standard error. */
  log?: (message: string) => void;
}

export interface FileResult {
  path: string;
  findings: Finding[];
}

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
  const stats = new Map<string, { mtimeMs: number; size: number }>();
  for (const root of roots) {
    for await (const entry of enumerateFiles(root, { exclude: options.settings.exclude, signal: options.signal })) {
      if (entry.kind === "skipped") {
        yield { path: entry.path, findings: [skippedFinding(entry.path, entry.reason, options)] };
        continue;
      }
      enumerated.push(entry.path);
      stats.set(entry.path, { mtimeMs: entry.mtimeMs, size: entry.size });
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
        stats,
        log,
      })
    : undefined;
  // Live advisory data changes with no file changing: dependency files are then always checked.
  const cacheable = (file: string) => !!cache && !(options.settings.dependencies.onlineSources && dependencyFileKind(file));
  const analyseHere = (task: FileTask) => analyseFileTask(task, context, cache?.digests);
  let done = 0;
  const report = (task: FileTask, findings: Finding[]) => {
    threatModels.project?.findings.push(...findings);
    options.onProgress?.(++done, queue.length, task.path);
  };
  try {
    // Threat-model files judge the findings of every other file, so they come last, on this thread.
    const code = analyseInOrder(
      queue.filter((f) => !isThreatModelFile(f.path)),
      {
        cache,
        cacheable,
        // Dependency files need this thread's advisory source; caller-supplied project facts cannot cross threads.
        mainThreadOnly: (file) => !!options.project || dependencyFileKind(file) !== undefined,
        analyseHere,
        parsedForOthers: keptTreePaths,
        jobs: options.jobs,
        setup: { settings: options.settings, threatModels: { models: threatModels.models, now: threatModels.now }, record: !!cache },
        signal: options.signal,
        log,
      },
    );
    for await (const [task, findings] of code) {
      report(task, findings);
      if (findings.length) yield { path: task.path, findings };
    }
    for (const task of queue.filter((f) => isThreatModelFile(f.path))) {
      if (options.signal?.aborted) return;
      const judged = cacheable(task.path) ? findingsDigest(threatModels.project?.findings ?? []) : undefined;
      let findings = judged === undefined ? undefined : cache!.lookup(task.path, judged);
      if (!findings) {
        const stat = judged === undefined ? undefined : statOf(task.path);
        const outcome = await analyseHere(task);
        if (stat) cache!.store(task.path, stat, outcome, judged);
        findings = outcome.findings;
      }
      report(task, findings);
      if (findings.length) yield { path: task.path, findings };
    }
  } finally {
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
