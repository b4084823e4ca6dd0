import { SEVERITIES, type Severity } from "../finding";
import type { AuditFinding, AuditModel, AuditReport } from "../threatmodel/audit";
import { acceptanceState } from "./markdown";

/**
 * The security report as one self-contained HTML file: no script, no external resource, an inline
 * SVG chart of findings by OWASP category, and print styles so it reads well on paper.
 */

const COLOURS: Record<Severity, string> = { critical: "#6a1b9a", high: "#c62828", medium: "#e65100", low: "#1565c0", info: "#616161" };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f23;margin:0 auto;max-width:1080px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f7}
td.n{text-align:right;font-variant-numeric:tabular-nums;width:7em}code{font-size:12px;background:#f3f5f7;padding:0 3px;border-radius:3px}
.sev{display:inline-block;min-width:5.5em;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;text-align:center}
.status-mitigated{color:#1b5e20}.status-open{color:#b71c1c}.status-accepted{color:#e65100}.status-transferred{color:#37474f}
.bad{color:#b71c1c;font-weight:600}.muted{color:#57606a}.meta td:first-child{width:14em;font-weight:600}
svg{max-width:100%;height:auto}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}tr,svg,figure{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:14mm}
`;

export function toHtml(r: AuditReport): string {
  const title = `Security report: ${r.models.map((m) => m.component).join(", ") || "workspace"}`;
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">Generated ${esc(r.generatedAt)} by Vigil ${esc(r.toolVersion)}</p>`,
    table(["Scan", ""], [
      ["Root", esc(r.root)],
      ["Files scanned", num(r.filesScanned)],
      ["Rules run", num(r.rulesRun)],
      ["Open findings", num(r.totals.active)],
      ["Accepted risks (suppressed)", num(r.totals.accepted)],
      ["Suppressed inline", num(r.totals.suppressedInline)],
      ["Notices", num(r.totals.notices)],
    ], "meta"),
    "<h2>Findings by severity</h2>",
    table(["Severity", "Findings"], SEVERITIES.map((s) => [badge(s), num(r.bySeverity[s])])),
    "<h2>Findings by OWASP Top 10 2021</h2>",
    `<figure>${chart(r)}<figcaption class="muted">Open findings per OWASP Top 10 2021 category, by severity.</figcaption></figure>`,
    "<h2>Findings by CWE</h2>",
    r.byCwe.length ? table(["CWE", "Findings"], r.byCwe.map((c) => [cweLink(c.cwe), num(c.count)])) : "<p>No open findings.</p>",
    ...(r.models.length ? r.models.map(model) : ["<h2>Threat model</h2><p>No <code>threatmodel.yaml</code> covers the scanned files.</p>"]),
    "<h2>Compliance</h2>",
    "<h3>OWASP Top 10 2021</h3>",
    table(["Category", "Open findings", "Status"], r.byOwasp.map((o) => [esc(o.name), num(o.count), o.count ? '<span class="bad">findings to fix</span>' : "none found"])),
    "<h3>PCI DSS v4.0 requirement 6.2.4</h3>",
    "<p>Attack classes the requirement names, and the open findings that speak to each.</p>",
    table(["Attack class", "Covers", "Open findings"], r.pci.map((c) => [esc(c.title), esc(c.scope), c.findings.length ? findingList(c.findings) : "none found"])),
    "<h2>Open findings</h2>",
    r.findings.length
      ? table(["Severity", "Rule", "Location", "Threat", "Message"], r.findings.map((f) => [badge(f.severity), `<code>${esc(f.ruleId)}</code>`, `<code>${esc(f.location)}</code>`, esc(f.threat ?? ""), esc(f.message)]))
      : "<p>None.</p>",
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

function model(m: AuditModel): string {
  const parts = [`<h2>Threat model: ${esc(m.component)}</h2>`, `<p>Defined in <code>${esc(m.file)}</code>. ${esc(m.description ?? "")}</p>`];
  if (m.assets.length) {
    parts.push("<h3>Assets</h3>", table(["Asset", "Classification", "Data", "Description"], m.assets.map((a) => [esc(a.id), esc(a.classification ?? ""), esc(a.data.join(", ")), esc(a.description ?? "")])));
  }
  parts.push(
    "<h3>Threats</h3>",
    table(
      ["Threat", "STRIDE", "Status", "Mitigation", "Owner", "Open findings"],
      m.threats.map((t) => [
        `<strong>${esc(t.id)}</strong> ${esc(t.title)}`,
        esc(t.stride ?? ""),
        `<span class="status-${esc(t.status)}">${esc(t.status)}</span>${t.contradicted ? ' <span class="bad">(contradicted)</span>' : ""}`,
        esc(t.mitigation ?? ""),
        esc(t.owner ?? ""),
        t.findings.length ? findingList(t.findings) : "none",
      ]),
    ),
    "<h3>Accepted risks</h3>",
    m.acceptances.length
      ? table(
          ["Rule", "File", "Threat", "Reason", "Approved by", "Expires", "State"],
          m.acceptances.map((a) => [
            `<code>${esc(a.rule)}</code>`,
            `<code>${esc(a.path)}</code>`,
            esc(a.threat ?? ""),
            esc(a.reason),
            esc(a.approvedBy ?? ""),
            esc(a.expires ?? "never"),
            a.state === "active" ? esc(acceptanceState(a)) : `<span class="bad">${esc(acceptanceState(a))}</span>`,
          ]),
        )
      : "<p>None.</p>",
  );
  return parts.join("\n");
}

/** Horizontal bars, one per OWASP category, stacked by severity. */
function chart(r: AuditReport): string {
  const label = 330;
  const width = 760;
  const row = 26;
  const top = 30;
  const max = Math.max(1, ...r.byOwasp.map((o) => o.count));
  const scale = (width - label - 50) / max;
  const legend = SEVERITIES.map(
    (s, i) => `<rect x="${label + i * 80}" y="4" width="12" height="12" fill="${COLOURS[s]}"/><text x="${label + i * 80 + 16}" y="14">${s}</text>`,
  ).join("");
  const bars = r.byOwasp
    .map((o, i) => {
      const y = top + i * row;
      let x = label;
      const segments = SEVERITIES.filter((s) => o.bySeverity[s] > 0).map((s) => {
        const w = o.bySeverity[s] * scale;
        const rect = `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${COLOURS[s]}"><title>${esc(o.id)} ${s}: ${o.bySeverity[s]}</title></rect>`;
        x += w;
        return rect;
      });
      return `<text x="${label - 8}" y="${y + row / 2 + 4}" text-anchor="end">${esc(o.name.replace(":2021-", " "))}</text>${segments.join("")}<text x="${(x + 6).toFixed(1)}" y="${y + row / 2 + 4}">${o.count}</text>`;
    })
    .join("\n");
  const height = top + r.byOwasp.length * row + 6;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Open findings by OWASP Top 10 2021 category" font-family="system-ui,sans-serif" font-size="12" fill="#1b1f23">
${legend}
<line x1="${label}" y1="${top - 2}" x2="${label}" y2="${height - 4}" stroke="#8c959f"/>
${bars}
</svg>`;
}

function findingList(findings: AuditFinding[]): string {
  const items = findings.map(
    (f) => `<li>${badge(f.severity)} <code>${esc(f.ruleId)}</code> at <code>${esc(f.location)}</code>${f.contradicted ? ' <span class="bad">contradicts the mitigation</span>' : ""}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

function table(head: string[], rows: string[][], cls = ""): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c) => (c.startsWith('<td') ? c : `<td>${c}</td>`)).join("")}</tr>`).join("\n");
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

function num(n: number): string {
  return `<td class="n">${n}</td>`;
}

function badge(s: Severity): string {
  return `<span class="sev" style="background:${COLOURS[s]}">${s}</span>`;
}

function cweLink(cwe: string): string {
  return `<a href="https://cwe.mitre.org/data/definitions/${Number(cwe.slice(4))}.html">${esc(cwe)}</a>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
