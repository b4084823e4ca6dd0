import type { Finding } from "./finding";
import type { LineIndex } from "./text";
import { ruleById } from "./rule-selection";

/**
 * Inline suppressions, in any comment style (`//`, `#`, `/*`, `<!--`, `--`):
 *   vigil-ignore-next-line [rule-id[, rule-id]] -- reason
 *   vigil-ignore-line      [rule-id[, rule-id]] -- reason
 * No rule id means every rule. ESLint disable comments never silence Vigil.
 */
export interface Suppression {
  /** 0-based line of the comment. */
  line: number;
  character: number;
  /** 0-based line it silences. */
  target: number;
  ruleIds: string[] | "all";
  reason: string;
  length: number;
}

const DIRECTIVE = /(?:\/\/|#|\/\*|<!--|--)\s*vigil-ignore-(next-line|line)\b([^\n]*)/g;

export function findSuppressions(lines: LineIndex): Suppression[] {
  const text = lines.text;
  if (!text.includes("vigil-ignore-")) return [];
  const out: Suppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const pos = lines.positionAt(m.index!);
    let rest = m[2]!.replace(/\s*(\*\/|-->)\s*$/, "");
    let reason = "";
    const sep = rest.indexOf("--");
    if (sep >= 0) {
      reason = rest.slice(sep + 2).trim();
      rest = rest.slice(0, sep);
    }
    const ids = rest.split(/[\s,]+/).filter(Boolean);
    out.push({
      line: pos.line,
      character: pos.character,
      target: m[1] === "next-line" ? pos.line + 1 : pos.line,
      ruleIds: ids.length ? ids : "all",
      reason,
      length: m[0].length,
    });
  }
  return out;
}

/** Marks silenced findings; returns them with their suppression recorded. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  return findings.map((f) => {
    // Notices say what was not analysed; a comment cannot hide that.
    if (ruleById(f.ruleId)?.kind === "tool") return f;
    const s = suppressions.find(
      (s) => s.target === f.range.start.line && (s.ruleIds === "all" || s.ruleIds.includes(f.ruleId)),
    );
    return s ? { ...f, suppression: { kind: "inline", justification: s.reason } } : f;
  });
}
