import { readFileSync } from "node:fs";
import type { Finding } from "../finding";
import { analyzeFile, complete, type AnalysisContext } from "../analyze";
import { notice, FILE_START } from "../notice";
import { selectRules } from "../rule-selection";
import { isBinary, looksMinified } from "../files";
import { assignFingerprints } from "../fingerprint";
import { LineIndex } from "../text";
import { digest } from "../cache/digest";
import { recordingFacts, type AnalysisInputs, type TextDigests } from "../cache/recording-facts";

/** One file to analyse, as the scan enumerated it. */
export interface FileTask {
  path: string;
  size: number;
  /** Modification time when the scan enumerated the file, which the result cache compares. */
  mtimeMs?: number;
}

/** A file's findings, and for the result cache what they were computed from. */
export interface FileOutcome {
  findings: Finding[];
  /** Digest of the bytes analysed; absent when the file was not read (too large, unreadable). */
  digest?: string;
  /** Other files and folders the analysis read; absent when it was not recorded. */
  inputs?: AnalysisInputs;
}

/** A notice about a file that was not analysed, shaped like any finding. */
export function skippedFinding(path: string, reason: string, context: AnalysisContext): Finding {
  const raw = notice("vigil/file-skipped", `Not analysed: ${reason}.`, FILE_START);
  return assignFingerprints([complete(raw, path, selectRules(context.settings))], new LineIndex(""))[0]!;
}

/**
 * Reads and analyses one file from disk; every problem becomes a finding, never an exception. With
 * `digests`, what the analysis read through `context.project` is recorded for the result cache.
 */
export async function analyseFileTask({ path, size }: FileTask, context: AnalysisContext, digests?: TextDigests): Promise<FileOutcome> {
  if (size > context.settings.maxFileSize) {
    return { findings: [skippedFinding(path, `larger than the ${context.settings.maxFileSize}-byte limit (${size} bytes)`, context)] };
  }
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    return { findings: [skippedFinding(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, context)] };
  }
  const outcome = (findings: Finding[], inputs?: AnalysisInputs): FileOutcome => ({ findings, digest: digest(buf), ...(inputs ? { inputs } : {}) });
  if (isBinary(buf)) return outcome([skippedFinding(path, "binary content", context)]);
  const text = buf.toString("utf8").replace(/^\uFEFF/, "");
  if (looksMinified(text)) return outcome([skippedFinding(path, "minified or generated code", context)]);
  if (!digests) return outcome(analyzeFile({ path, text }, context));
  if (!context.project) return outcome(analyzeFile({ path, text }, context), { reads: [], roots: [] });
  const recorder = recordingFacts(context.project, digests);
  const findings = analyzeFile({ path, text }, { ...context, project: recorder.facts });
  return outcome(findings, recorder.inputs());
}
