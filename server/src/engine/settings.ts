import { SEVERITIES, type Severity } from "./finding";

/** Per-rule setting: off, on (rule's own severity), or on with an overridden severity. */
export type RuleSetting = "off" | "on" | Severity;

export interface Settings {
  /** Rule id -> setting; rules not named keep their default. */
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the scan root) never scanned, on top of every .gitignore. */
  exclude: string[];
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rules: {},
  exclude: ["**/node_modules/**"],
  maxFileSize: 1_000_000,
});

export function isRuleSetting(v: unknown): v is RuleSetting {
  return v === "off" || v === "on" || (SEVERITIES as readonly unknown[]).includes(v);
}

export function mergeSettings(base: Settings, over: Partial<Settings>): Settings {
  return {
    rules: { ...base.rules, ...(over.rules ?? {}) },
    exclude: over.exclude ?? base.exclude,
    maxFileSize: over.maxFileSize ?? base.maxFileSize,
  };
}
