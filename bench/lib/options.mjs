// Flags the corpus suites share (run.mjs lets suites share a flag only when declared alike).
import { resolve } from "node:path";

export const CORPUS_OPTIONS = {
  full: { type: "boolean", description: "use the full 1M-line corpus instead of corpus-100k" },
  runs: { type: "string", description: "runs per tool, medians printed (default 3)" },
  corpus: { type: "string", description: "measure this folder instead of the pinned corpus" },
};

/** --runs as a positive whole number (default 3). */
export function runsOption(values) {
  const runs = Number(values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${values.runs}"`);
  return runs;
}

/** The folder to measure and its corpus name: --corpus DIR (name null), the 1M-line corpus with --full, else corpus-100k. */
export function corpusOption(ctx) {
  if (ctx.values.corpus) return { dir: resolve(ctx.values.corpus), corpusName: null };
  const corpusName = ctx.values.full ? "corpus" : "corpus-100k";
  return { dir: ctx.corpus(corpusName), corpusName };
}

/** How an acceptance criterion names where it is judged, when this run is elsewhere. */
export function judgedOn(corpusName) {
  return corpusName === "corpus" ? "" : " (judged on the 1M-line corpus: --full)";
}
