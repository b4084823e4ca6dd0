import type { Range } from "./finding";
import type { Language } from "./language";
import type { RuleSelection } from "./rule-selection";
import type { Settings } from "./settings";
import type { LineIndex } from "./text";
import type { ThreatModelContext } from "./threatmodel/scope";
import type { RuleMeta } from "./rule";
import type { Confidence, Fix, Reference, Severity, TraceStep } from "./finding";
import type { AdvisorySource } from "./deps/advisory-db";
import type { Deadline } from "./deadline";

/** What analyzers return: a finding before severity overrides, fingerprints and suppressions. */
export interface RawFinding {
  rule: RuleMeta;
  ruleId: string;
  message: string;
  range: Range;
  fixes: Fix[];
  trace?: TraceStep[];
  /** The finding's own severity and confidence when they vary per finding (a dependency's advisory). */
  severity?: Severity;
  confidence?: Confidence;
  subject?: string;
  references?: Reference[];
}

export interface AnalysisContext {
  settings: Settings;
  /** The project's threat models and the clock acceptances expire by; absent: no threat-model checks. */
  threatModels?: ThreatModelContext;
  /** Facts about the project around the file; absent when a file is analysed on its own. */
  project?: ProjectFacts;
  /** Advisory data for dependency checks; the user's store or the bundled snapshot when absent. */
  advisories?: AdvisorySource;
}

/** Read-only views of the rest of the project, for checks that span files (a manifest and its lockfile). */
export interface ProjectFacts {
  /** The text of another file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Where the project's own source under `root` imports or requires `packageName`. */
  importsOf(root: string, packageName: string): ImportSite[];
}

export interface ImportSite {
  path: string;
  /** 0-based line of the import. */
  line: number;
  /** Local names bound to the whole package (`_` in `import _ from "lodash"`). */
  bindings: string[];
  /** Named imports (`template` in `import { template } from "lodash"`). */
  named: string[];
}

export interface AnalyzerInput {
  path: string;
  language: Language | undefined;
  lines: LineIndex;
  selection: RuleSelection;
  context: AnalysisContext;
  /** The file's time budget; analyses that can run long call `deadline.check()` as they go. */
  deadline: Deadline;
}

/** One family of checks (JS/TS rules, secrets, Dockerfile, ...), chosen per file by path. */
export interface Analyzer {
  readonly name: string;
  /** Cheap: decided from the path and language alone, before the file is read. */
  handles(path: string, language: Language | undefined): boolean;
  analyze(input: AnalyzerInput): RawFinding[];
}
