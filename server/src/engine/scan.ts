import { promises as fs } from "node:fs";
import type { Finding } from "./finding";
import { analyzeFile, complete, isAnalysable, type AnalysisContext } from "./analyze";
import { notice, FILE_START } from "./notice";
import { selectRules } from "./rule-selection";
import { enumerateFiles, isBinary, looksMinified } from "./files";
import { assignFingerprints } from "./fingerprint";
import { LineIndex } from "./text";
import { modelFilesLast, scanThreatModels } from "./threatmodel/scope";
import { dependencyContext } from "./deps/context";

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
}

export interface FileResult {
  path: string;
  findings: Finding[];
}

/** A notice about a file that was not analysed, shaped like any finding. */
export function skippedFinding(path: string, reason: string, context: AnalysisContext): Finding {
  const raw = notice("vigil/file-skipped", `Not analysed: ${reason}.`, FILE_START);
  return assignFingerprints([complete(raw, path, selectRules(context.settings))], new LineIndex(""))[0]!;
}

/** Reads and analyses one file from disk; every problem becomes a finding, never an exception. */
export async function analyzePath(path: string, size: number, context: AnalysisContext): Promise<Finding[]> {
  if (size > context.settings.maxFileSize) {
    return [skippedFinding(path, `larger than the ${context.settings.maxFileSize}-byte limit (${size} bytes)`, context)];
  }
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (err) {
    return [skippedFinding(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, context)];
  }
  if (isBinary(buf)) return [skippedFinding(path, "binary content", context)];
  const text = buf.toString("utf8").replace(/^\uFEFF/, "");
  if (looksMinified(text)) return [skippedFinding(path, "minified or generated code", context)];
  return analyzeFile({ path, text }, context);
}

/**
 * Scans files and folders, streaming one result per file that has findings or notices. Files are
 * enumerated first (cheap) so progress can say "n of total".
 */
export async function* scanProject(roots: string[], options: ScanOptions): AsyncGenerator<FileResult> {
  const queue: { path: string; size: number }[] = [];
  for (const root of roots) {
    for await (const entry of enumerateFiles(root, { exclude: options.settings.exclude, signal: options.signal })) {
      if (entry.kind === "skipped") yield { path: entry.path, findings: [skippedFinding(entry.path, entry.reason, options)] };
      else if (isAnalysable(entry.path)) queue.push(entry);
    }
  }
  const threatModels = options.threatModels ?? (await scanThreatModels(roots, queue.map((q) => q.path), options.now ?? new Date()));
  const deps = options.project ? {} : await dependencyContext(queue.map((q) => q.path), options.settings);
  const context: AnalysisContext = { ...deps, ...options, threatModels };
  let done = 0;
  for (const { path, size } of modelFilesLast(queue)) {
    if (options.signal?.aborted) return;
    const findings = await analyzePath(path, size, context);
    threatModels.project?.findings.push(...findings);
    options.onProgress?.(++done, queue.length, path);
    if (findings.length) yield { path, findings };
  }
}
