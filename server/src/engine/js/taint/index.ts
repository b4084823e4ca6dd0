import * as path from "node:path";
import { TAINT_RULE_BY_ID } from "../../../../../rules/js/taint";
import type { Analyzer, RawFinding } from "../../analyzer";
import type { TraceStep } from "../../finding";
import { JS_LANGUAGES } from "../../language";
import { FileAnalysis, type Hit } from "./analysis";
import { linkParents, parsedFile } from "../native/parse";
import type { FileRef } from "./flow";
import { mayHaveSources } from "./source-triggers";

export type { SourceFiles } from "./modules";
export { mayHaveSources } from "./source-triggers";

function rangeIn(file: FileRef, start: number, end: number) {
  return file.lines.rangeOf(start, end);
}

function step(message: string, file: FileRef, start: number, end: number, mainPath: string): TraceStep {
  const s: TraceStep = { message, range: rangeIn(file, start, end) };
  if (file.path !== mainPath) s.path = file.path;
  return s;
}

function toFinding(hit: Hit, mainPath: string): RawFinding | undefined {
  const rule = TAINT_RULE_BY_ID.get(hit.sink.kind);
  const origin = hit.flow.origin;
  if (!rule || origin.type !== "source") return undefined;
  const { sink } = hit;
  const at = sink.anchor ?? sink;
  if (at.file.path !== mainPath) return undefined;
  const sourceLine = origin.file.lines.positionAt(origin.start).line + 1;
  const where = origin.file.path === mainPath ? `line ${sourceLine}` : `${path.basename(origin.file.path)} line ${sourceLine}`;
  const through = sink.anchor ? ` in \`${sink.anchor.callee}\` (${path.basename(sink.file.path)})` : "";
  const trace: TraceStep[] = [
    step(`Source: \`${origin.label}\``, origin.file, origin.start, origin.end, mainPath),
    ...hit.flow.steps.map((s) => step(s.message, s.file, s.start, s.end, mainPath)),
    step(`Reaches ${rule.sink}`, sink.file, sink.start, sink.end, mainPath),
  ];
  return {
    rule,
    ruleId: rule.id,
    message: `\`${origin.label}\` (${where}) reaches ${rule.sink}${through}.`,
    range: rangeIn(at.file, at.start, at.end),
    fixes: sink.anchor ? [] : (sink.fixes?.() ?? []),
    trace,
  };
}

/** Taint analysis for JS/TS: flows from request, URL and message data into dangerous sinks, across functions and files. */
export const taintAnalyzer: Analyzer = {
  name: "taint",
  handles: (_path, language) => language !== undefined && JS_LANGUAGES.includes(language),
  analyze({ path: filePath, lines, selection, context, deadline }) {
    if (![...TAINT_RULE_BY_ID.keys()].some((id) => selection.enabled.has(id))) return [];
    if (!mayHaveSources(lines.text)) return [];
    const project = context.project;
    const host = { files: project ? { read: (p: string) => project.readFile(p) } : undefined, loading: new Set([filePath]), deadline };
    const parsed = parsedFile(filePath, lines);
    linkParents(parsed);
    const analysis = new FileAnalysis(lines.text, filePath, host, lines, parsed.sf).run();
    const out: RawFinding[] = [];
    for (const hit of analysis.hits) {
      const f = toFinding(hit, filePath);
      if (f) out.push(f);
    }
    return out;
  },
};
