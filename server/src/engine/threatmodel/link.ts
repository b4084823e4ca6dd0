import { SEVERITIES, type Finding, type Severity } from "../finding";
import { ruleById } from "../rule-selection";
import type { LineIndex } from "../text";
import { findAnnotations } from "./annotations";
import { acceptedPath, isExpired, type Acceptance, type Threat, type ThreatModel } from "./model";
import { modelFor, type ThreatModelContext } from "./scope";

/**
 * Joins one file's findings to the nearest threat model: each finding whose CWE a threat lists is
 * linked to it; one that contradicts a mitigation claim (the threat is `mitigated`, or the file says
 * `@mitigates` it) is raised one severity; one the model accepts is suppressed until the acceptance
 * expires, then comes back saying so.
 */
export function linkToThreatModel(findings: Finding[], file: string, lines: LineIndex, context: ThreatModelContext | undefined): Finding[] {
  if (!context || findings.length === 0) return findings;
  const model = modelFor(context.models, file);
  if (!model) return findings;
  const claims = new Map<string, string | undefined>();
  for (const a of findAnnotations(lines)) if (a.kind === "mitigates") claims.set(a.threat, a.note);
  return findings.map((f) => {
    if (ruleById(f.ruleId)?.kind === "tool") return f;
    let out = f;
    const threat = threatFor(f, model, claims);
    if (threat) out = link(out, model, threat, claims);
    const acceptance = acceptanceFor(out, model);
    if (acceptance && isExpired(acceptance, context.now)) {
      out = { ...out, message: `${out.message} Its risk acceptance expired on ${acceptance.expires}.` };
    } else if (acceptance && !out.suppression) {
      const { reason, expires, approvedBy } = acceptance;
      out = { ...out, suppression: { kind: "accepted", justification: reason, ...(expires ? { expires } : {}), ...(approvedBy ? { approvedBy } : {}) } };
    }
    return out;
  });
}

/** The threat a finding belongs to: one this file claims to mitigate first, then a mitigated one, then any. */
export function threatFor(f: Pick<Finding, "cwe">, model: ThreatModel, claims: ReadonlyMap<string, unknown> = new Map()): Threat | undefined {
  const matching = model.threats.filter((t) => t.cwe.some((c) => f.cwe.includes(c)));
  return matching.find((t) => claims.has(t.id)) ?? matching.find((t) => t.status === "mitigated") ?? matching[0];
}

export function acceptanceFor(f: Pick<Finding, "ruleId" | "fingerprint" | "path">, model: ThreatModel): Acceptance | undefined {
  return model.accepted.find((a) => a.rule === f.ruleId && a.fingerprint === f.fingerprint && acceptedPath(model, a) === f.path);
}

function link(f: Finding, model: ThreatModel, threat: Threat, claims: ReadonlyMap<string, string | undefined>): Finding {
  const base = { id: threat.id, title: threat.title, status: threat.status, model: model.file };
  const claimed = claims.has(threat.id);
  if (threat.status !== "mitigated" && !claimed) {
    return { ...f, threat: base, message: `${f.message} Threat ${threat.id} ("${threat.title}", ${threat.status}).` };
  }
  const how = claimed ? claims.get(threat.id) : threat.mitigation;
  const where = claimed ? "this file's @mitigates annotation" : "the threat model";
  return {
    ...f,
    severity: raise(f.severity),
    threat: { ...base, contradicted: true },
    message: `${f.message} This contradicts the mitigation claim for threat ${threat.id} ("${threat.title}") in ${where}${how ? `: ${how.trim().replace(/\.$/, "")}` : ""}.`,
  };
}

function raise(s: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - 1)]!;
}
