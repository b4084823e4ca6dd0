import { SEVERITIES, type Finding, type Severity } from "../finding";
import { activeFindings, countBySeverity, isNotice, relativePath, type ScanReport } from "../report/model";
import { ruleById } from "../rule-selection";
import { OWASP_2021, type Owasp } from "../taxonomy";
import { PCI_624_CLASSES, pciClassesOf } from "./compliance";
import { acceptanceFor } from "./link";
import { acceptedPath, daysLeft, isExpired, type Acceptance, type Threat, type ThreatModel } from "./model";

/** Everything the security report shows, computed once and rendered as Markdown or HTML. */
export interface AuditReport {
  generatedAt: string;
  toolVersion: string;
  root: string;
  filesScanned: number;
  rulesRun: number;
  totals: { active: number; suppressedInline: number; accepted: number; notices: number };
  bySeverity: Record<Severity, number>;
  byCwe: { cwe: string; count: number }[];
  byOwasp: { id: Owasp; name: string; count: number; bySeverity: Record<Severity, number> }[];
  pci: { id: string; title: string; scope: string; findings: AuditFinding[] }[];
  models: AuditModel[];
  findings: AuditFinding[];
}

export interface AuditFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  location: string;
  message: string;
  cwe: readonly string[];
  threat?: string;
  contradicted: boolean;
}

export interface AuditModel {
  file: string;
  component: string;
  description?: string;
  assets: { id: string; classification?: string; data: string[]; description?: string }[];
  threats: (Pick<Threat, "id" | "title" | "stride" | "status" | "mitigation" | "owner" | "cwe"> & {
    contradicted: boolean;
    findings: AuditFinding[];
  })[];
  acceptances: (Pick<Acceptance, "rule" | "path" | "reason" | "approvedBy" | "expires" | "threat"> & {
    state: "active" | "expired" | "stale";
    daysLeft?: number;
  })[];
}

export function buildAuditReport(scan: ScanReport, models: readonly ThreatModel[], now: Date): AuditReport {
  const active = activeFindings(scan.findings);
  const toAudit = (f: Finding): AuditFinding => ({
    ruleId: f.ruleId,
    title: ruleById(f.ruleId)?.title ?? f.ruleId,
    severity: f.severity,
    location: `${relativePath(scan, f.path)}:${f.range.start.line + 1}`,
    message: f.message,
    cwe: f.cwe,
    threat: f.threat?.id,
    contradicted: !!f.threat?.contradicted,
  });
  const cweCounts = new Map<string, number>();
  for (const f of active) for (const c of f.cwe) cweCounts.set(c, (cweCounts.get(c) ?? 0) + 1);
  const bySeverityThenPlace = [...active].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));

  return {
    generatedAt: now.toISOString(),
    toolVersion: scan.toolVersion,
    root: scan.root,
    filesScanned: scan.filesScanned,
    rulesRun: scan.rulesRun.length,
    totals: {
      active: active.length,
      suppressedInline: scan.findings.filter((f) => f.suppression?.kind === "inline" && !isNotice(f)).length,
      accepted: scan.findings.filter((f) => f.suppression?.kind === "accepted").length,
      notices: scan.findings.filter(isNotice).length,
    },
    bySeverity: countBySeverity(active),
    byCwe: [...cweCounts].map(([cwe, count]) => ({ cwe, count })).sort((a, b) => b.count - a.count || cweOrder(a.cwe, b.cwe)),
    byOwasp: (Object.keys(OWASP_2021) as Owasp[]).map((id) => {
      const inCategory = active.filter((f) => f.owasp.includes(id));
      return { id, name: OWASP_2021[id], count: inCategory.length, bySeverity: countBySeverity(inCategory) };
    }),
    pci: PCI_624_CLASSES.map((c) => ({ ...c, findings: bySeverityThenPlace.filter((f) => pciClassesOf(f).includes(c.id)).map(toAudit) })),
    models: models.map((m) => auditModel(m, scan, now, toAudit)),
    findings: bySeverityThenPlace.map(toAudit),
  };
}

function auditModel(model: ThreatModel, scan: ScanReport, now: Date, toAudit: (f: Finding) => AuditFinding): AuditModel {
  const linked = scan.findings.filter((f) => f.threat?.model === model.file && !isNotice(f));
  return {
    file: relativePath(scan, model.file),
    component: model.component ?? relativePath(scan, model.file),
    description: model.description,
    assets: model.assets.map(({ id, classification, data, description }) => ({ id, classification, data, description })),
    threats: model.threats.map((t) => {
      const findings = linked.filter((f) => f.threat!.id === t.id);
      return {
        id: t.id,
        title: t.title,
        stride: t.stride,
        status: t.status,
        mitigation: t.mitigation,
        owner: t.owner,
        cwe: t.cwe,
        contradicted: findings.some((f) => f.threat!.contradicted && !f.suppression),
        findings: findings.filter((f) => !f.suppression).map(toAudit),
      };
    }),
    acceptances: model.accepted.map((a) => {
      const matched = scan.findings.some((f) => f.path === acceptedPath(model, a) && acceptanceFor(f, model) === a);
      const state = isExpired(a, now) ? "expired" : matched ? "active" : "stale";
      return { rule: a.rule, path: a.path, reason: a.reason, approvedBy: a.approvedBy, expires: a.expires, threat: a.threat, state, daysLeft: daysLeft(a, now) };
    }),
  };
}

function cweOrder(a: string, b: string): number {
  return Number(a.slice(4)) - Number(b.slice(4));
}
