/**
 * Characters that should not appear in source, found the way eslint-plugin-security finds them:
 * each occurrence inside a token or a comment is reported on its own, with the text of that token
 * (as ESLint's token list has it) or comment (without its delimiters). The text is scanned once;
 * the token around a hit is looked up only for hits, by descending the tree to it.
 */
import ts from "typescript";
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
}

/** Reports every match of `pattern` (a global RegExp) under messageId `code` or `comment`, with data `{ text }`. */
export function reportCharacters(context: NativeContext, pattern: RegExp): void {
  const { file, text } = context;
  for (const match of text.matchAll(pattern)) {
    const holder = holderAt(file, match.index);
    if (!holder) continue;
    const at = match.index - holder.shift;
    context.report({ start: at, end: at + 1, messageId: holder.kind, data: { text: holder.text } });
  }
}

/** The token or comment an offset falls in, found by descending the tree's tokens to it. */
function holderAt(sf: ts.SourceFile, offset: number): Holder | undefined {
  const text = sf.text;
  const shebang = ts.getShebang(text);
  if (shebang !== undefined && offset < shebang.length) return comment(text, 0, shebang.length, "line");
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => offset >= c.pos && offset < c.end);
    if (!child) return undefined;
    // JSX text has no trivia: ESLint's JSXText token starts where the text does.
    if (child.kind === ts.SyntaxKind.JsxText) return { kind: "code", text: text.slice(child.pos, child.end), shift: 0 };
    const start = child.getStart(sf);
    if (offset < start) return commentAt(text, child.pos, offset);
    if (ts.isTokenKind(child.kind)) {
      const shift = child.kind === ts.SyntaxKind.PrivateIdentifier ? 1 : 0;
      return { kind: "code", text: text.slice(start + shift, child.end), shift };
    }
    node = child;
  }
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
  return { kind: "comment", text: text.slice(start + 2, valueEnd), shift: 0 };
}
