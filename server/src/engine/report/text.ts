import { SEVERITIES, type Finding, type Severity } from "../finding";
import { activeFindings, countBySeverity, isNotice, relativePath, type ScanReport } from "./model";

/** Compiler-style text: `path:line:col  severity  rule-id  message`, then a summary line. */

const COLOURS: Record<Severity, string> = { critical: "\x1b[1;35m", high: "\x1b[1;31m", medium: "\x1b[33m", low: "\x1b[36m", info: "\x1b[2m" };
const RESET = "\x1b[0m";

export function toText(report: ScanReport, options: { colour: boolean }): string {
  const paint = (s: Severity, text: string) => (options.colour ? `${COLOURS[s]}${text}${RESET}` : text);
  const line = (f: Finding) =>
    `${relativePath(report, f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${paint(f.severity, f.severity.padEnd(8))}  ${f.ruleId}  ${f.message}`;
  const active = activeFindings(report.findings);
  const notices = report.findings.filter(isNotice);
  const suppressed = report.findings.filter((f) => f.suppression && !isNotice(f)).length;
  const out = [...active.map(line), ...notices.map(line)];
  const counts = countBySeverity(active);
  const bySeverity = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const parts = [
    `${active.length} finding${active.length === 1 ? "" : "s"}${bySeverity.length ? ` (${bySeverity.join(", ")})` : ""}`,
    `${report.filesScanned} file${report.filesScanned === 1 ? "" : "s"} scanned`,
  ];
  if (suppressed) parts.push(`${suppressed} suppressed`);
  if (notices.length) parts.push(`${notices.length} notice${notices.length === 1 ? "" : "s"}`);
  if (out.length) out.push("");
  out.push(parts.join(", "));
  return out.join("\n") + "\n";
}
