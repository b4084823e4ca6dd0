import ts from "../typescript";
import type { LineIndex } from "../../text";
import { documentTree } from "./document-trees";

export interface ParsedFile {
  sf: ts.SourceFile;
  /** The first syntax error, if the file does not parse cleanly. */
  error?: { message: string; offset: number };
  /**
   * Whether every node's `parent` is set. A file's own tree is parsed without them: the rules'
   * walk sets them as it goes (a separate pass over every node cost a fifth of the parse), and
   * linkParents sets them for whoever needs them first.
   */
  linked: boolean;
}

export function scriptKindOf(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return ts.ScriptKind.TS;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Parses without JSDoc (a fifth of the parse, and no rule reads it), with parent links unless told not to. */
export function parseSource(path: string, text: string, parents = true): ts.SourceFile {
  return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, parents, scriptKindOf(path));
}

/** A fresh parse of a file to analyse, its parents not yet linked. */
export function parseFile(path: string, text: string): ParsedFile {
  const sf = parseSource(path, text, false);
  return { sf, error: firstSyntaxError(sf), linked: false };
}

let linkingTo: ts.Node | undefined;
const unlinked: ts.Node[] = [];

function linkChild(child: ts.Node): void {
  (child as { parent: ts.Node }).parent = linkingTo!;
  unlinked.push(child);
}

/** Sets every node's `parent`, unless already set. */
export function linkParents(parsed: ParsedFile): void {
  if (parsed.linked) return;
  // A loop, not recursion: a chain of 5,000 concatenations is as deep, and the stack is not.
  unlinked.push(parsed.sf);
  for (let node = unlinked.pop(); node; node = unlinked.pop()) {
    linkingTo = node;
    ts.forEachChild(node, linkChild);
  }
  linkingTo = undefined; // a module-level reference would keep the tree alive past its file
  parsed.linked = true;
}

/** The parser's own syntax errors; TypeScript keeps them on the tree without a public accessor. */
function firstSyntaxError(sf: ts.SourceFile): ParsedFile["error"] {
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  const d = diagnostics?.[0];
  if (!d) return undefined;
  return { message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), offset: d.start ?? 0 };
}

/**
 * Trees of modules taint read for the files that import them, by path: the scan reaches those
 * files too, and one parse serves both. The scan's own trees are not kept here: a tree that
 * outlives its file is promoted out of V8's young generation, and copying and later collecting
 * every file's tree cost more than the few parses keeping them saved.
 */
const RECENT_TREES = 32;
const recent = new Map<string, ts.SourceFile>();

function recentTree(path: string, text: string): ts.SourceFile | undefined {
  const hit = recent.get(path);
  if (!hit || hit.text !== text) return undefined;
  recent.delete(path); // most recently used last
  recent.set(path, hit);
  return hit;
}

/**
 * Paths of the kept trees, least recently used first: a scan that analyses these files next
 * parses them once instead of twice.
 */
export function keptTreePaths(): string[] {
  return [...recent.keys()];
}

/** The kept trees, for memory accounting. */
export function keptTrees(): ts.SourceFile[] {
  return [...recent.values()];
}

/** The tree of a module read for another file's analysis; kept for the next reader. */
export function treeOf(path: string, text: string): ts.SourceFile {
  const hit = recentTree(path, text);
  if (hit) return hit;
  const sf = parseSource(path, text);
  if (recent.size >= RECENT_TREES) recent.delete(recent.keys().next().value!);
  recent.set(path, sf);
  return sf;
}

/**
 * The tree of the file being analysed, shared by its analyzers (rules and taint), which run one
 * after the other on the same LineIndex. One slot, not a map by LineIndex: the tree should die
 * young with its file. An open document's tree is its own, updated incrementally
 * (document-trees.ts), and never one of the recent trees: an update consumes it.
 */
let current: { lines: LineIndex; parsed: ParsedFile } | undefined;

export function parsedFile(path: string, lines: LineIndex): ParsedFile {
  const text = lines.text;
  const open = documentTree(path, text, scriptKindOf(path), () => parseSource(path, text));
  // An open document's tree may have been updated since: a tree it consumed is never used again.
  if (current?.lines === lines && (!open || current.parsed.sf === open)) return current.parsed;
  // Let the previous file's tree go before this one is built: held from here, it would be copied
  // by every young collection during the parse.
  current = undefined;
  const kept = open ?? recentTree(path, text);
  const parsed = kept ? { sf: kept, error: firstSyntaxError(kept), linked: true } : parseFile(path, text);
  current = { lines, parsed };
  return parsed;
}
