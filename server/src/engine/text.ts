import type { Position, Range } from "./finding";

/**
 * Offsets of each line start, for converting offsets to positions only where findings need it.
 * Built on first use: most files have no findings and never need it.
 */
export class LineIndex {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string) {}

  private get starts(): number[] {
    return (this.lineStarts ??= computeLineStarts(this.text));
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
  offsetAt(pos: Position): number {
    const start = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + pos.character, this.text.length);
  }
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }
}

/** Apply non-overlapping edits given as offsets; later edits first so offsets stay valid. */
export function applyOffsetEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlaps an edit already applied: skip, as editors do
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes("\r")) {
    // indexOf runs natively and is several times faster than a per-character loop.
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}
