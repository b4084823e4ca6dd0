import { compareFindings, type Finding } from "../engine/finding";
import { toHtml } from "../engine/report/html";
import { toMarkdown } from "../engine/report/markdown";
import type { ScanReport } from "../engine/report/model";
import { selectRules } from "../engine/rule-selection";
import { scanProject } from "../engine/scan";
import type { Settings } from "../engine/settings";
import { buildAuditReport } from "../engine/threatmodel/audit";
import { VERSION } from "../engine/version";
import type { FindingsStore } from "./findings-store";
import type { SecurityReportParams, ThreatModelResult } from "./protocol";
import { isUnder, type ThreatModels } from "./threat-models";

function scanReport(folder: string, settings: Settings, findings: Finding[], filesScanned: number): ScanReport {
  return { root: folder, findings, filesScanned, toolVersion: VERSION, rulesRun: [...selectRules(settings).enabled] };
}

/**
 * The folder's threat models as the audit report sees them, from what the server already knows:
 * open documents as edited and, after a workspace scan, every other file.
 */
export function threatModelView(folder: string, settings: Settings, models: ThreatModels, store: FindingsStore, complete: boolean): ThreatModelResult {
  const findings = store.findingsUnder(folder);
  const audit = buildAuditReport(scanReport(folder, settings, findings, store.filesUnder(folder).length), models.relevantTo(folder), models.now());
  return { root: folder, models: audit.models, complete };
}

/**
 * Scans the folder's files as saved, judged against the server's threat models (open model buffers
 * included), and renders the report with the writers `vigil report` uses.
 */
export async function securityReport(folder: string, format: SecurityReportParams["format"], settings: Settings, models: ThreatModels, signal: AbortSignal): Promise<string> {
  const project = { findings: [] as Finding[], covers: (file: string) => isUnder(folder, file) };
  const findings: Finding[] = [];
  let filesScanned = 0;
  const scan = scanProject([folder], { settings, signal, threatModels: models.context(project), onProgress: (done) => (filesScanned = done) });
  for await (const result of scan) findings.push(...result.findings);
  findings.sort(compareFindings);
  const audit = buildAuditReport(scanReport(folder, settings, findings, filesScanned), models.relevantTo(folder), models.now());
  return format === "html" ? toHtml(audit) : toMarkdown(audit);
}
