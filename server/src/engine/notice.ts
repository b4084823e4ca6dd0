import type { Range } from "./finding";
import type { RawFinding } from "./analyzer";
import { ruleById } from "./rule-selection";

export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A finding of a registered rule with no fixes: used for tool notices and simple checks. */
export function notice(ruleId: string, message: string, range: Range): RawFinding {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  return { rule, ruleId, message, range, fixes: [] };
}
