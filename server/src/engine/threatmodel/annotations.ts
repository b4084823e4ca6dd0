import type { Range } from "../finding";
import type { LineIndex } from "../text";

/**
 * Threat-model annotations in comments of any language:
 *   @threat T1            this code is exposed to T1
 *   @mitigates T1: how    this code counters T1 (a finding here for T1 contradicts it)
 *   @accepts T1: why      this code knowingly lives with T1
 *   @exposes <asset> to T1
 */
export type AnnotationKind = "threat" | "mitigates" | "accepts" | "exposes";

export interface Annotation {
  kind: AnnotationKind;
  threat: string;
  threatRange: Range;
  asset?: string;
  assetRange?: Range;
  /** The text after the colon, for `@mitigates` and `@accepts`. */
  note?: string;
  line: number;
}

/** A comment opener earlier on the line, or a line inside a block comment (`* ...`). */
const IN_COMMENT = /(?:\/\/|#|\/\*|<!--|--|;)|^\s*\*/;
const ID = "[A-Za-z][A-Za-z0-9_.-]*";
const ANNOTATION = new RegExp(`@(threat|mitigates|accepts)\\s+(${ID})(?![\\w.-])(?:\\s*:\\s*(.*?)\\s*(?:\\*/|-->|$))?|@exposes\\s+(${ID})\\s+to\\s+(${ID})`, "g");

export function findAnnotations(lines: LineIndex): Annotation[] {
  const text = lines.text;
  if (!/@(?:threat|mitigates|accepts|exposes)\b/.test(text)) return [];
  const out: Annotation[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    if (!content.includes("@")) continue;
    const lineStart = lines.offsetAt({ line, character: 0 });
    for (const m of content.matchAll(ANNOTATION)) {
      if (!IN_COMMENT.test(content.slice(0, m.index))) continue;
      const rangeOfGroup = (value: string, from: number): Range => {
        const start = content.indexOf(value, from);
        return lines.rangeOf(lineStart + start, lineStart + start + value.length);
      };
      const afterKeyword = m.index! + m[0].indexOf(" ");
      if (m[4] !== undefined) {
        const assetRange = rangeOfGroup(m[4], afterKeyword);
        const threatFrom = m.index! + m[0].lastIndexOf(m[5]!);
        out.push({ kind: "exposes", asset: m[4], assetRange, threat: m[5]!, threatRange: rangeOfGroup(m[5]!, threatFrom), line });
      } else {
        const note = m[3]?.trim();
        out.push({ kind: m[1] as AnnotationKind, threat: m[2]!, threatRange: rangeOfGroup(m[2]!, afterKeyword), note: note || undefined, line });
      }
    }
  }
  return out;
}
