import * as ts from "typescript";
import type { LineIndex } from "../../text";

export interface ParsedFile {
  sf: ts.SourceFile;
  /** The first syntax error, if the file does not parse cleanly. */
  error?: { message: string; offset: number };
}

export function scriptKindOf(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return ts.ScriptKind.TS;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Parses without JSDoc (a fifth of the parse, and no rule reads it), with parent links. */
export function parseSource(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKindOf(path));
}

/** The parser's own syntax errors; TypeScript keeps them on the tree without a public accessor. */
function firstSyntaxError(sf: ts.SourceFile): ParsedFile["error"] {
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  const d = diagnostics?.[0];
  if (!d) return undefined;
  return { message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), offset: d.start ?? 0 };
}

/**
 * One tree per analysed text, shared by every analyzer of the file (rules and taint) and dropped
 * with the file's LineIndex, so no tree outlives its analysis.
 */
const trees = new WeakMap<LineIndex, ParsedFile>();

export function parsedFile(path: string, lines: LineIndex): ParsedFile {
  let parsed = trees.get(lines);
  if (!parsed) {
    const sf = parseSource(path, lines.text);
    parsed = { sf, error: firstSyntaxError(sf) };
    trees.set(lines, parsed);
  }
  return parsed;
}
