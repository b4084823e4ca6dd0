import type { Diagnostic } from "vscode-languageserver";
import { DiagnosticSeverity } from "./languageserver";
import type { Finding, Severity } from "../engine/finding";
import { ruleDocUrl } from "../engine/rule";
import type { DiagnosticData } from "./protocol";
import { fileUri } from "./uri";

export const SOURCE = "vigil";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** One diagnostic per unsuppressed finding; `data` carries the fixes so code actions need no cache. */
export function toDiagnostics(findings: readonly Finding[], uri: string, version: number | null): Diagnostic[] {
  return findings.filter((f) => !f.suppression).map((f) => toDiagnostic(f, uri, version));
}

function toDiagnostic(f: Finding, uri: string, version: number | null): Diagnostic {
  const data: DiagnosticData = { fingerprint: f.fingerprint, version, fixes: f.fixes, ...(f.threat ? { threat: f.threat } : {}) };
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    message: f.message,
    data,
  };
  if (f.trace?.length) {
    diagnostic.relatedInformation = f.trace.map((step) => ({
      location: { uri: step.path ? fileUri(step.path) : uri, range: step.range },
      message: step.message,
    }));
  }
  return diagnostic;
}

/** Narrows a client-sent diagnostic to one of ours with intact data. */
export function vigilData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE || typeof d.code !== "string") return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.fingerprint !== "string" || !Array.isArray(data.fixes)) return undefined;
  return { fingerprint: data.fingerprint, version: typeof data.version === "number" ? data.version : null, fixes: data.fixes };
}
