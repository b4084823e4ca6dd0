import ts from "../typescript";
import type { LineIndex } from "../../text";
import { documentTree } from "./document-trees";

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
 * The last few trees by path. Taint reads the modules a file imports, which are themselves scanned
 * just before or after it: one parse serves both. Bounded, so trees do not pile up in a scan.
 */
const RECENT_TREES = 32;
const recent = new Map<string, ts.SourceFile>();

export function treeOf(path: string, text: string): ts.SourceFile {
  const hit = recent.get(path);
  if (hit && hit.text === text) {
    recent.delete(path); // most recently used last
    recent.set(path, hit);
    return hit;
  }
  const sf = parseSource(path, text);
  if (recent.size >= RECENT_TREES) recent.delete(recent.keys().next().value!);
  recent.set(path, sf);
  return sf;
}

/**
 * One tree per analysed text, shared by every analyzer of the file (rules and taint). An open
 * document's tree is its own, updated incrementally (document-trees.ts), and kept out of the
 * recent trees: an update consumes it, and taint reads imported modules from those.
 */
const parsed = new WeakMap<LineIndex, ParsedFile>();

export function parsedFile(path: string, lines: LineIndex): ParsedFile {
  const text = lines.text;
  const open = documentTree(path, text, scriptKindOf(path), () => parseSource(path, text));
  let p = parsed.get(lines);
  // An open document's tree may have been updated since: a tree it consumed is never used again.
  if (!p || (open && p.sf !== open)) {
    const sf = open ?? treeOf(path, text);
    p = { sf, error: firstSyntaxError(sf) };
    parsed.set(lines, p);
  }
  return p;
}
