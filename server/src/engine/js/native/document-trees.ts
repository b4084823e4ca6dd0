import ts from "../typescript";

/**
 * Trees of the documents open in an editor, one per path, re-parsed incrementally on each new
 * text: TypeScript's parser reuses the nodes outside the edited span, which makes a save's parse
 * a fraction of a fresh one. Only paths registered here keep a tree (the language server's open
 * documents); scans never do.
 *
 * `ts.updateSourceFile` takes over the old tree (it moves and re-parents its nodes), so a tree
 * kept here is held nowhere else that outlives an analysis: not in the parser's recent-trees cache,
 * not in taint's module cache (those parse their own copy of the text).
 */
const trees = new Map<string, { sf: ts.SourceFile; scriptKind: ts.ScriptKind } | undefined>();

/** The path is an open document: from now on its tree is kept and updated incrementally. */
export function keepDocumentTree(path: string): void {
  if (!trees.has(path)) trees.set(path, undefined);
}

/** The document was closed: its tree is dropped. */
export function releaseDocumentTree(path: string): void {
  trees.delete(path);
}

export function keepsDocumentTree(path: string): boolean {
  return trees.has(path);
}

function hasSyntaxErrors(sf: ts.SourceFile): boolean {
  return ((sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** The edited span between two texts, from their common prefix and common suffix. */
export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start);
}

/**
 * The open document's tree for `text`: the kept tree when the text is unchanged, else the kept
 * tree updated to the new text, else (first analysis, another script kind, an update that throws
 * or that finds syntax errors) `parse()`.
 * Undefined when the path is not an open document.
 */
export function documentTree(path: string, text: string, scriptKind: ts.ScriptKind, parse: () => ts.SourceFile): ts.SourceFile | undefined {
  if (!trees.has(path)) return undefined;
  const kept = trees.get(path);
  if (kept?.sf.text === text && kept.scriptKind === scriptKind) return kept.sf;
  // Whatever happens next, the old tree is no longer valid: it is never handed out again.
  trees.set(path, undefined);
  let sf: ts.SourceFile | undefined;
  if (kept && kept.scriptKind === scriptKind) {
    try {
      sf = ts.updateSourceFile(kept.sf, text, changeRange(kept.sf.text, text));
    } catch {
      sf = undefined; // the parser's own consistency checks failed: parse afresh
    }
    // An incremental parse can word a syntax error otherwise than a fresh one (it may leave out a
    // hint's second sentence): a text with errors is parsed afresh, so its notice is the same.
    if (sf && hasSyntaxErrors(sf)) sf = undefined;
  }
  sf ??= parse();
  trees.set(path, { sf, scriptKind });
  return sf;
}
