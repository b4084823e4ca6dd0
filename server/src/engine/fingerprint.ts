import { createHash } from "node:crypto";
import type { Finding } from "./finding";
import type { LineIndex } from "./text";

/**
 * A fingerprint that survives unrelated edits: the rule, the flagged line's code with white space
 * folded, and which occurrence of that same pair in the file it is. Moving code or editing other
 * lines leaves it unchanged.
 */
export function assignFingerprints(findings: Omit<Finding, "fingerprint">[], lines: LineIndex): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const code = lines.lineText(f.range.start.line).replace(/\s+/g, " ").trim();
    const key = f.subject ? `${f.ruleId}\0${code}\0${f.subject}` : `${f.ruleId}\0${code}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const fingerprint = createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32);
    return { ...f, fingerprint };
  });
}
