import * as path from "node:path";
import { SEVERITIES, atLeast, type Finding, type Severity } from "../finding";
import { ruleById } from "../rule-selection";

/** What every report writer receives: the scan's findings plus the facts around them. */
export interface ScanReport {
  /** Absolute folder that report paths are relative to (SARIF's SRCROOT). */
  root: string;
  findings: Finding[];
  filesScanned: number;
  toolVersion: string;
  /** Ids of the rules that ran, so SARIF can describe every one. */
  rulesRun: string[];
}

export function relativePath(report: ScanReport, file: string): string {
  const rel = path.relative(report.root, file);
  return (rel === "" ? path.basename(file) : rel).split(path.sep).join("/");
}

/** Notices are findings of tool rules: they describe the scan, not the code. */
export function isNotice(f: Finding): boolean {
  return ruleById(f.ruleId)?.kind === "tool";
}

/** Findings that count: not notices, not suppressed. */
export function activeFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.suppression && !isNotice(f));
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export type FailOn = Severity | "never";

export function failsGate(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  // An expired risk acceptance fails CI whatever the threshold: the team's deadline has passed.
  return activeFindings(findings).some((f) => atLeast(f.severity, failOn) || f.ruleId === "threatmodel/expired-acceptance");
}
