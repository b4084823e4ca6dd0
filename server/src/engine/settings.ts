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
  /** Per-file time budget in milliseconds; an analysis past it stops with a notice. 0: no budget. */
  analysisTimeout: number;
  dependencies: {
    /** Also ask the OSV API (api.osv.dev) about dependencies; off by default, the bundled data works offline. */
    onlineSources: boolean;
  };
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rules: {},
  exclude: ["**/node_modules/**"],
  maxFileSize: 1_000_000,
  analysisTimeout: 2_000,
  dependencies: Object.freeze({ onlineSources: false }),
});

export function isRuleSetting(v: unknown): v is RuleSetting {
  return v === "off" || v === "on" || (SEVERITIES as readonly unknown[]).includes(v);
}

export function mergeSettings(base: Settings, over: Partial<Settings>): Settings {
  return {
    rules: { ...base.rules, ...(over.rules ?? {}) },
    exclude: over.exclude ?? base.exclude,
    maxFileSize: over.maxFileSize ?? base.maxFileSize,
    analysisTimeout: over.analysisTimeout ?? base.analysisTimeout,
    dependencies: { ...base.dependencies, ...(over.dependencies ?? {}) },
  };
}
