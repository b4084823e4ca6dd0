import { pathToFileURL } from "node:url";
import type { Finding, Range, Severity } from "../finding";
import { ruleDocUrl, type RuleMeta, type VigilRule } from "../rule";
import { ruleById } from "../rule-selection";
import { cweNumber, OWASP_2021 } from "../taxonomy";
import { isNotice, relativePath, type ScanReport } from "./model";

/** SARIF 2.1.0 as GitHub code scanning reads it. Notices go to toolExecutionNotifications. */

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/vigil-security/vigil";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
/** GitHub buckets: >= 9 critical, >= 7 high, >= 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };

function pascalName(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()).replace(/^./, (c) => c.toUpperCase());
}

function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

function describeRule(rule: RuleMeta) {
  return {
    id: rule.id,
    name: pascalName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: ruleDocUrl(rule.id),
    help: { text: `${rule.description} See ${ruleDocUrl(rule.id)}` },
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.enabledByDefault !== false },
    properties: {
      tags: ["security", ...rule.cwe.map((c) => `external/cwe/cwe-${cweNumber(c)}`), ...rule.owasp.map((o) => `owasp-top10-2021/${OWASP_2021[o].slice(0, 3).toLowerCase()}`)],
      precision: rule.confidence === "high" ? "high" : rule.confidence === "medium" ? "medium" : "low",
      "security-severity": SECURITY_SEVERITY[rule.severity],
      "problem.severity": rule.severity === "medium" ? "warning" : rule.severity === "low" || rule.severity === "info" ? "recommendation" : "error",
    },
  };
}

export function toSarif(report: ScanReport): object {
  const ruleIds = new Set(report.rulesRun.filter((id) => ruleById(id)?.kind !== "tool"));
  for (const f of report.findings) if (!isNotice(f)) ruleIds.add(f.ruleId);
  const rules = [...ruleIds].sort().map((id) => ruleById(id)).filter((r): r is VigilRule => !!r);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const notices = report.findings.filter(isNotice);
  const noticeRules = [...new Set(notices.map((n) => n.ruleId))].sort();
  const location = (path: string, range: Range) => ({
    physicalLocation: { artifactLocation: { uri: encodeURI(relativePath(report, path)), uriBaseId: "SRCROOT" }, region: region(range) },
  });

  const results = report.findings.filter((f) => !isNotice(f)).map((f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.path, f.range)],
    partialFingerprints: { "vigil/v1": f.fingerprint },
    properties: { severity: f.severity, confidence: f.confidence, "security-severity": SECURITY_SEVERITY[f.severity] },
    ...(f.trace?.length
      ? {
          codeFlows: [
            {
              threadFlows: [
                {
                  locations: f.trace.map((step) => ({
                    location: { ...location(step.path ?? f.path, step.range), message: { text: step.message } },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.fixes.length
      ? {
          fixes: f.fixes.map((fix) => ({
            description: { text: fix.isPreferred ? fix.title : `Suggestion: ${fix.title}` },
            // A fix may edit another file too (a .env finding adds a line to .gitignore).
            artifactChanges: [...new Set(fix.edits.map((e) => e.path ?? f.path))].map((file) => ({
              artifactLocation: { uri: encodeURI(relativePath(report, file)), uriBaseId: "SRCROOT" },
              replacements: fix.edits
                .filter((e) => (e.path ?? f.path) === file)
                .map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            })),
          })),
        }
      : {}),
    ...(f.suppression ? { suppressions: [sarifSuppression(f.suppression)] } : {}),
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Vigil",
            semanticVersion: report.toolVersion,
            version: report.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(describeRule),
            notifications: noticeRules.map((id) => {
              const r = ruleById(id)!;
              return { id, name: pascalName(r.title), shortDescription: { text: r.description }, helpUri: ruleDocUrl(id) };
            }),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(report.root + "/").href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((n) => ({
              descriptor: { id: n.ruleId },
              level: n.severity === "info" ? "note" : "warning",
              message: { text: n.message },
              locations: [location(n.path, n.range)],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** An inline comment is "inSource"; a threat-model acceptance lives in another file: "external", accepted. */
function sarifSuppression(s: NonNullable<Finding["suppression"]>) {
  if (s.kind === "inline") return { kind: "inSource", justification: s.justification };
  const properties = { ...(s.expires ? { expires: s.expires } : {}), ...(s.approvedBy ? { approvedBy: s.approvedBy } : {}) };
  return { kind: "external", status: "accepted", justification: s.justification, properties };
}
