import * as path from "node:path";
import { ALL_SOURCES, AMBIGUOUS_REQUEST_NAMES, REQUEST_NAMES, TAINT_RULE_BY_ID } from "../../../../../rules/js/taint";
import type { Analyzer, RawFinding } from "../../analyzer";
import type { TraceStep } from "../../finding";
import { JS_LANGUAGES } from "../../language";
import { FileAnalysis, type Hit } from "./analysis";
import { parsedFile } from "../native/parse";
import type { FileRef } from "./flow";

export type { SourceFiles } from "./modules";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Files in which no source can appear are not parsed: a request variable, a browser global that
 * carries URL or cookie data, `process.argv`, or a `message` listener must be named in the text.
 * A global known by a common word (`location`, `process`) counts only beside one of its fields.
 */
const SOURCE_TRIGGERS = (() => {
  const words = new Set<string>([...REQUEST_NAMES, ...AMBIGUOUS_REQUEST_NAMES]);
  const fieldsOf = new Map<string, Set<string>>();
  for (const s of ALL_SOURCES) {
    if (s.on === "request") continue;
    if (s.on === "document" || s.on === "window") words.add(`${s.on}.${s.path[0]}`);
    else if (s.path.length > 0) fieldsOf.set(s.on, (fieldsOf.get(s.on) ?? new Set()).add(s.path[0]!));
    else words.add(s.on);
  }
  const anyOf = (list: Iterable<string>) => new RegExp(`\\b(?:${[...list].map(escape).join("|")})\\b`);
  return {
    words: new RegExp(`${anyOf(words).source}|["']message["']|onmessage`),
    globals: [...fieldsOf].map(([on, fields]) => [anyOf([on]), anyOf(fields)] as const),
  };
})();

export function mayHaveSources(text: string): boolean {
  return SOURCE_TRIGGERS.words.test(text) || SOURCE_TRIGGERS.globals.some(([global, field]) => global.test(text) && field.test(text));
}

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
    const analysis = new FileAnalysis(lines.text, filePath, host, lines, parsedFile(filePath, lines).sf).run();
    const out: RawFinding[] = [];
    for (const hit of analysis.hits) {
      const f = toFinding(hit, filePath);
      if (f) out.push(f);
    }
    return out;
  },
};
