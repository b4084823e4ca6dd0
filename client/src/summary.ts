// Wording shared by the status bar, the scan notification and the tests that look for them.
import { SEVERITIES } from "../../server/src/engine/finding";
import type { ScanWorkspaceResult, SeverityCounts } from "../../server/src/lsp/protocol";

/** "2 high, 1 low": the non-zero counts, most severe first; "no findings" when all are zero. */
export function describeCounts(counts: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(", ") : "no findings";
}

/** The notification at the end of "Vigil: Scan Workspace". */
export function scanSummary(result: ScanWorkspaceResult): string {
  const files = `${result.filesScanned} file${result.filesScanned === 1 ? "" : "s"}`;
  return result.cancelled
    ? `Vigil: scan cancelled after ${files}: ${describeCounts(result.counts)} so far.`
    : `Vigil: scanned ${files}: ${describeCounts(result.counts)}.`;
}
