import { activeFindings, countBySeverity, isNotice, relativePath, type ScanReport } from "./model";

/** The JSON report: every finding with paths relative to the root, plus a summary. */
export function toJson(report: ScanReport): object {
  const active = activeFindings(report.findings);
  return {
    tool: { name: "Vigil", version: report.toolVersion },
    root: report.root,
    summary: {
      filesScanned: report.filesScanned,
      findings: active.length,
      bySeverity: countBySeverity(active),
      suppressed: report.findings.filter((f) => f.suppression && !isNotice(f)).length,
      notices: report.findings.filter(isNotice).length,
    },
    findings: report.findings.map((f) => ({
      ...f,
      path: relativePath(report, f.path),
      kind: isNotice(f) ? "notice" : "finding",
    })),
  };
}
