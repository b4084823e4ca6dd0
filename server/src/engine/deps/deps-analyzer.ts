/** The dependency analyzer: package.json and lockfiles in, `deps/vulnerable-dependency` findings out. */
import * as path from "node:path";
import type { Analyzer, AnalyzerInput, RawFinding } from "../analyzer";
import { SEVERITIES, type Confidence, type Severity, type TraceStep } from "../finding";
import { notice } from "../notice";
import { defaultAdvisorySource } from "./advisory-db";
import { checkDependencyFile, dependencyFileKind, type DependencyHit } from "./check";
import { overrideFix, rangeFix } from "./dep-fixes";
import { LockfileError } from "./graph";
import { LineIndex } from "../text";

const RULE_ID = "deps/vulnerable-dependency";

function lowerOneStep(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(s) + 1, SEVERITIES.length - 1)]!;
}

const at = (p: string, line: number, root: string) => `${path.relative(root, p).split(path.sep).join("/")}:${line + 1}`;

/** Severity, confidence and the sentence about reachability, from what the project does with the package. */
export function judge(hit: DependencyHit, root: string, knowsProject: boolean): { severity: Severity; confidence: Confidence; note: string } {
  const { advisory } = hit.match;
  let severity = advisory.severity;
  let confidence: Confidence = hit.match.verdict === "doubtful" ? "low" : "medium";
  let note = "";
  if (hit.match.verdict === "doubtful") {
    note += " The record gives no fix, but GitHub's own data limits it to other versions, so this is probably a false positive.";
  }
  if (hit.reach?.call) {
    if (confidence === "medium") confidence = "high";
    note += ` The project calls ${hit.reach.call.fn === "(module)" ? hit.name : `${hit.reach.call.fn}()`}, which the advisory names, at ${at(hit.reach.call.path, hit.reach.call.line, root)}.`;
  } else if (hit.reach?.imported) {
    const via = hit.reach.imported.packageName === hit.name ? "Imported" : `${hit.reach.imported.packageName}, which pulls it in, is imported`;
    note += ` ${via} in ${at(hit.reach.imported.path, hit.reach.imported.line, root)}.`;
  } else if (knowsProject) {
    severity = lowerOneStep(severity);
    const via = hit.chain.length > 1 ? ` (nor ${hit.chain[0]!.name}, which pulls it in)` : "";
    note += ` Nothing in the project's source imports it${via}, so it is rated one step lower.`;
  }
  return { severity, confidence, note };
}

function message(hit: DependencyHit, note: string): string {
  const { advisory } = hit.match;
  const ids = [advisory.id, ...advisory.aliases.filter((a) => a !== advisory.id)].join(", ");
  const chain = hit.chain.length > 1 ? `, pulled in by ${hit.chain.map((c) => `${c.name}@${c.version}`).join(" -> ")},` : "";
  const dev = hit.dev ? " (dev dependency)" : "";
  const fixed = hit.upgrade ? ` Fixed in ${hit.upgrade.version}${hit.upgrade.breaking ? " (a new major version)" : ""}.` : " No fixed version is known.";
  return `${hit.name}@${hit.version}${dev}${chain} is affected by ${ids} (${advisory.severity}): ${advisory.summary.replace(/\.$/, "")}.${fixed}${note}`;
}

function trace(hit: DependencyHit, lockLines: LineIndex | undefined): TraceStep[] | undefined {
  const steps: TraceStep[] = [];
  if (hit.lockfile && lockLines && hit.chain.length > 1) {
    for (const c of hit.chain) {
      steps.push({ message: `${c.name}@${c.version}`, range: lockLines.rangeOf(c.start, c.end), path: hit.lockfile.path });
    }
  }
  for (const site of [hit.reach?.imported, hit.reach?.call]) {
    if (site) {
      const what = "fn" in site ? `calls ${site.fn}` : `imports ${site.packageName}`;
      steps.push({ message: what, range: { start: { line: site.line, character: 0 }, end: { line: site.line, character: 0 } }, path: site.path });
    }
  }
  return steps.length ? steps : undefined;
}

function toFinding(hit: DependencyHit, input: AnalyzerInput, lockLines: LineIndex | undefined): RawFinding {
  const { project } = input.context;
  const root = path.dirname(input.path);
  const { severity, confidence, note } = judge(hit, root, !!project);
  const fixes = [];
  if (hit.upgrade && hit.declared) fixes.push(rangeFix(hit.declared, hit.upgrade, input.lines.text));
  if (hit.upgrade && !hit.declared && hit.lockfile && project) {
    const manifestPath = path.join(root, "package.json");
    const manifestText = project.readFile(manifestPath);
    const fix = manifestText && overrideFix(hit.lockfile.kind, hit.name, hit.version, hit.upgrade, manifestPath, manifestText);
    if (fix) fixes.push(fix);
  }
  const raw: RawFinding = {
    rule: input.selection.byId(RULE_ID)!,
    ruleId: RULE_ID,
    message: message(hit, note),
    range: input.lines.rangeOf(hit.start, hit.end),
    fixes,
    severity,
    confidence,
    subject: `${hit.match.advisory.id} ${hit.name}@${hit.version}`,
    references: [{ title: hit.match.advisory.id, url: hit.match.advisory.url }],
  };
  const steps = trace(hit, lockLines);
  if (steps) raw.trace = steps;
  return raw;
}

export const depsAnalyzer: Analyzer = {
  name: "dependencies",
  handles: (file) => dependencyFileKind(file) !== undefined,
  analyze(input) {
    if (!input.selection.enabled.has(RULE_ID)) return [];
    const source = input.context.advisories ?? defaultAdvisorySource();
    let hits: DependencyHit[];
    try {
      hits = checkDependencyFile({ path: input.path, text: input.lines.text, source, project: input.context.project }) ?? [];
    } catch (err) {
      if (!(err instanceof LockfileError)) throw err;
      const line = input.lines.positionAt(err.offset).line;
      const range = { start: { line, character: 0 }, end: { line, character: input.lines.lineText(line).length } };
      return [notice("vigil/parse-error", `${path.basename(input.path)} cannot be read, so its dependencies were not checked: ${err.message}.`, range)];
    }
    const lockPath = hits.find((h) => h.lockfile)?.lockfile?.path;
    const lockText = lockPath && lockPath !== input.path ? input.context.project?.readFile(lockPath) : undefined;
    const lockLines = lockPath === input.path ? input.lines : lockText ? new LineIndex(lockText) : undefined;
    return hits.map((h) => toFinding(h, input, lockLines));
  },
};
