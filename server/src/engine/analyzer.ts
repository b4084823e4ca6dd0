import type { Range } from "./finding";
import type { Language } from "./language";
import type { RuleSelection } from "./rule-selection";
import type { Settings } from "./settings";
import type { LineIndex } from "./text";
import type { ThreatModelContext } from "./threatmodel/scope";
import type { RuleMeta } from "./rule";
import type { Fix, TraceStep } from "./finding";

/** What analyzers return: a finding before severity overrides, fingerprints and suppressions. */
export interface RawFinding {
  rule: RuleMeta;
  ruleId: string;
  message: string;
  range: Range;
  fixes: Fix[];
  trace?: TraceStep[];
}

export interface AnalysisContext {
  settings: Settings;
  /** The project's threat models and the clock acceptances expire by; absent: no threat-model checks. */
  threatModels?: ThreatModelContext;
}

export interface AnalyzerInput {
  path: string;
  language: Language | undefined;
  lines: LineIndex;
  selection: RuleSelection;
  context: AnalysisContext;
}

/** One family of checks (JS/TS rules, secrets, Dockerfile, ...), chosen per file by path. */
export interface Analyzer {
  readonly name: string;
  /** Cheap: decided from the path and language alone, before the file is read. */
  handles(path: string, language: Language | undefined): boolean;
  analyze(input: AnalyzerInput): RawFinding[];
}
