/**
 * Characters that should not appear in source, found the way eslint-plugin-security finds them:
 * each occurrence inside a token or a comment is reported on its own, with the text of that token
 * (as ESLint's token list has it) or comment (without its delimiters). The text is scanned once;
 * the token around a hit is looked up only for hits, by descending the tree to it.
 */
import ts from "../../server/src/engine/js/typescript";
import type { NativeContext } from "../../server/src/engine/js/native/api";

interface Holder {
  kind: "code" | "comment";
  /** The token's or comment's text as ESLint's token or comment `value` has it. */
  text: string;
  /**
   * How far before a hit the plugin reports it: it adds the hit's index in the value to the
   * token's column, and a private name's value drops its `#`.
   */
  shift: number;
  /** Where the token or comment ends: the next hits before it (hits come in order) share the holder. */
  to: number;
}

/** Reports every match of `pattern` (a global RegExp) under messageId `code` or `comment`, with data `{ text }`. */
export function reportCharacters(context: NativeContext, pattern: RegExp): void {
  const { file, text } = context;
  const shebang = ts.getShebang(text)?.length ?? 0;
  let holder: Holder | undefined;
  for (const match of text.matchAll(pattern)) {
    if (!holder || match.index >= holder.to) holder = match.index < shebang ? comment(text, 0, shebang, "line") : holderAt(file, match.index);
    if (!holder) continue;
    const at = match.index - holder.shift;
    context.report({ start: at, end: at + 1, messageId: holder.kind, data: { text: holder.text } });
  }
}

/** The token or comment an offset after the shebang falls in, found by descending the tree's tokens to it. */
function holderAt(sf: ts.SourceFile, offset: number): Holder | undefined {
  const text = sf.text;
  let node: ts.Node = sf;
  for (;;) {
    const child = childAt(node.getChildren(sf), offset);
    if (!child) return undefined;
    // JSX text has no trivia: ESLint's JSXText token starts where the text does.
    if (child.kind === ts.SyntaxKind.JsxText) return { kind: "code", text: text.slice(child.pos, child.end), shift: 0, to: child.end };
    const start = child.getStart(sf);
    if (offset < start) return commentAt(text, child.pos, offset);
    if (ts.isTokenKind(child.kind)) {
      const shift = child.kind === ts.SyntaxKind.PrivateIdentifier ? 1 : 0;
      return { kind: "code", text: text.slice(start + shift, child.end), shift, to: child.end };
    }
    node = child;
  }
}

/** The child whose full range (leading trivia included) holds the offset: children tile their parent, in order. */
function childAt(children: readonly ts.Node[], offset: number): ts.Node | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid]!;
    if (offset < c.pos) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** The comment around an offset in the trivia that starts at `pos`: the previous token's trailing comments, then the next one's leading ones. */
function commentAt(text: string, pos: number, offset: number): Holder | undefined {
  const ranges = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])];
  const range = ranges.find((r) => offset >= r.pos && offset < r.end);
  if (!range) return undefined;
  return comment(text, range.pos, range.end, range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? "line" : "block");
}

/** A comment's value: its text without `//`, `#!` or `/* *\/`. */
function comment(text: string, start: number, end: number, kind: "line" | "block"): Holder {
  const valueEnd = kind === "line" ? end : end - 2;
  return { kind: "comment", text: text.slice(start + 2, valueEnd), shift: 0, to: end };
}
