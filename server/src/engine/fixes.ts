import type { Finding } from "./finding";
import { applyOffsetEdits, LineIndex } from "./text";

/** Applies the preferred (safe) fix of each finding, as "fix all" does; suggestions are never applied. */
export function applyFixes(text: string, findings: Finding[]): string {
  const lines = new LineIndex(text);
  const edits = findings.flatMap((f) => {
    const fix = f.fixes.find((x) => x.isPreferred);
    return fix ? fix.edits.filter((e) => e.path === undefined).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })) : [];
  });
  return applyOffsetEdits(text, edits);
}
