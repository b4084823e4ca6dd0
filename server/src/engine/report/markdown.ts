import { SEVERITIES } from "../finding";
import type { AuditFinding, AuditModel, AuditReport } from "../threatmodel/audit";

/** The security report as GitHub-flavoured Markdown: for pull requests, wikis and audit folders. */
export function toMarkdown(r: AuditReport): string {
  const out: string[] = [];
  const table = (head: string[], rows: (string | number)[][]) => {
    out.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
    for (const row of rows) out.push(`| ${row.map((c) => cell(String(c))).join(" | ")} |`);
    out.push("");
  };
  out.push(`# Security report: ${r.models.map((m) => m.component).join(", ") || "workspace"}`, "");
  table(["Scan", ""], [
    ["Generated", r.generatedAt],
    ["Tool", `Vigil ${r.toolVersion}`],
    ["Root", r.root],
    ["Files scanned", r.filesScanned],
    ["Rules run", r.rulesRun],
    ["Open findings", r.totals.active],
    ["Accepted risks (suppressed)", r.totals.accepted],
    ["Suppressed inline", r.totals.suppressedInline],
    ["Notices", r.totals.notices],
  ]);

  out.push("## Findings by severity", "");
  table(["Severity", "Findings"], SEVERITIES.map((s) => [s, r.bySeverity[s]]));
  out.push("## Findings by OWASP Top 10 2021", "");
  table(["Category", "Findings"], r.byOwasp.map((o) => [o.name, o.count]));
  out.push("## Findings by CWE", "");
  if (r.byCwe.length) table(["CWE", "Findings"], r.byCwe.map((c) => [c.cwe, c.count]));
  else out.push("No open findings.", "");

  for (const m of r.models) renderModel(m, out, table);
  if (r.models.length === 0) out.push("## Threat model", "", "No `threatmodel.yaml` covers the scanned files.", "");

  out.push("## Compliance", "", "### OWASP Top 10 2021", "");
  table(["Category", "Open findings", "Status"], r.byOwasp.map((o) => [o.name, o.count, o.count ? "findings to fix" : "none found"]));
  out.push("### PCI DSS v4.0 requirement 6.2.4", "", "Attack classes the requirement names, and the open findings that speak to each.", "");
  table(["Attack class", "Covers", "Open findings"], r.pci.map((c) => [c.title, c.scope, c.findings.length]));
  for (const c of r.pci.filter((c) => c.findings.length)) {
    out.push(`**${c.title}**`, "", ...c.findings.map((f) => `- ${findingLine(f)}`), "");
  }

  out.push("## Open findings", "");
  if (r.findings.length) table(["Severity", "Rule", "Location", "Threat", "Message"], r.findings.map((f) => [f.severity, f.ruleId, f.location, f.threat ?? "", f.message]));
  else out.push("None.", "");
  return out.join("\n").replace(/\n+$/, "\n");
}

function renderModel(m: AuditModel, out: string[], table: (head: string[], rows: (string | number)[][]) => void): void {
  out.push(`## Threat model: ${m.component}`, "", `Defined in \`${m.file}\`.${m.description ? ` ${m.description}` : ""}`, "");
  if (m.assets.length) {
    out.push("### Assets", "");
    table(["Asset", "Classification", "Data", "Description"], m.assets.map((a) => [a.id, a.classification ?? "", a.data.join(", "), a.description ?? ""]));
  }
  out.push("### Threats", "");
  table(
    ["Threat", "STRIDE", "Status", "Mitigation", "Owner", "Open findings"],
    m.threats.map((t) => [
      `${t.id}: ${t.title}`,
      t.stride ?? "",
      t.contradicted ? `${t.status} (contradicted)` : t.status,
      t.mitigation ?? "",
      t.owner ?? "",
      t.findings.length,
    ]),
  );
  for (const t of m.threats.filter((t) => t.findings.length)) {
    out.push(`**${t.id}: ${t.title}**`, "", ...t.findings.map((f) => `- ${findingLine(f)}`), "");
  }
  out.push("### Accepted risks", "");
  if (m.acceptances.length === 0) {
    out.push("None.", "");
    return;
  }
  table(
    ["Rule", "File", "Threat", "Reason", "Approved by", "Expires", "State"],
    m.acceptances.map((a) => [a.rule, a.path, a.threat ?? "", a.reason, a.approvedBy ?? "", a.expires ?? "never", acceptanceState(a)]),
  );
}

export function acceptanceState(a: AuditModel["acceptances"][number]): string {
  if (a.state === "expired") return `expired ${-(a.daysLeft ?? 0)} day(s) ago`;
  if (a.state === "stale") return "stale: matches no finding";
  return a.daysLeft === undefined ? "active" : `active, ${a.daysLeft} day(s) left`;
}

function findingLine(f: AuditFinding): string {
  return `${f.severity} \`${f.ruleId}\` at \`${f.location}\`${f.contradicted ? " (contradicts a mitigation)" : ""}: ${inline(f.message)}`;
}

function inline(s: string): string {
  return s.replace(/\s+/g, " ").replace(/([<>*_`[\]])/g, "\\$1");
}

function cell(s: string): string {
  return inline(s).replace(/\|/g, "\\|");
}
