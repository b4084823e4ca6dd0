/** The one shape every analyzer produces and every face (CLI, LSP, SARIF) consumes. */

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Confidence = "high" | "medium" | "low";

/** 0-based line and UTF-16 character offset, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
  /** Another file the edit applies to (a `.gitignore` entry for a secrets file); defaults to the finding's file. */
  path?: string;
}

/** A page about the finding beyond the rule's doc (an advisory), for hovers and reports. */
export interface Reference {
  title: string;
  url: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** A safe rewrite that "fix all" may apply; false marks a suggestion that needs judgement. */
  isPreferred: boolean;
}

export interface TraceStep {
  message: string;
  range: Range;
  /** Defaults to the finding's own file. */
  path?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  message: string;
  path: string;
  range: Range;
  cwe: readonly string[];
  owasp: readonly string[];
  fingerprint: string;
  fixes: Fix[];
  trace?: TraceStep[];
  /** What the finding is about when one line can carry several (an advisory id); part of the fingerprint. */
  subject?: string;
  references?: Reference[];
  /** Set when an inline comment or a threat-model acceptance silenced the finding; kept so reports can say so. */
  suppression?: Suppressed;
  /** The threat-model entry this finding belongs to, when a model in scope has one for its CWE. */
  threat?: ThreatLink;
}

export interface Suppressed {
  kind: "inline" | "accepted";
  justification: string;
  /** Acceptances only: the last day (YYYY-MM-DD) it holds, and who approved it. */
  expires?: string;
  approvedBy?: string;
}

export interface ThreatLink {
  id: string;
  title: string;
  status: "open" | "mitigated" | "accepted" | "transferred";
  /** Absolute path of the threat model that defines it. */
  model: string;
  /** The finding contradicts a claim that the threat is mitigated (it was raised one severity). */
  contradicted?: boolean;
}

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
