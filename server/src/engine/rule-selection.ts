import type { Severity } from "./finding";
import type { NativeRule, RuleMeta, VigilRule } from "./rule";
import type { Settings } from "./settings";
import { ALL_RULES } from "../../../rules";

/** Which rules run and at what severity, derived once per settings object. */
export interface RuleSelection {
  readonly enabled: ReadonlySet<string>;
  readonly nativeRules: readonly NativeRule[];
  severityOf(rule: RuleMeta): Severity;
  byId(id: string): VigilRule | undefined;
}

const RULES_BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));
const cache = new WeakMap<Settings, RuleSelection>();

export function ruleById(id: string): VigilRule | undefined {
  return RULES_BY_ID.get(id);
}

export function selectRules(settings: Settings): RuleSelection {
  const hit = cache.get(settings);
  if (hit) return hit;
  const enabled = new Set<string>();
  for (const rule of ALL_RULES) {
    const s = settings.rules[rule.id];
    const on = s === undefined ? rule.enabledByDefault !== false : s !== "off";
    // Tool notices cannot be turned off: they say what was not scanned.
    if (on || rule.kind === "tool") enabled.add(rule.id);
  }
  const selection: RuleSelection = {
    enabled,
    nativeRules: ALL_RULES.filter((r): r is NativeRule => r.engine === "native" && enabled.has(r.id)),
    severityOf(rule) {
      const s = settings.rules[rule.id];
      return s === undefined || s === "on" || s === "off" ? rule.severity : s;
    },
    byId: ruleById,
  };
  cache.set(settings, selection);
  return selection;
}
