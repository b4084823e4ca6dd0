import type { Finding } from "./finding";
import { compareFindings } from "./finding";
import { languageOf, type Language } from "./language";
import { selectRules, type RuleSelection } from "./rule-selection";
import { LineIndex } from "./text";
import type { AnalysisContext, RawFinding } from "./analyzer";
import { ANALYZERS } from "./analyzers";
import { applySuppressions, findSuppressions } from "./suppress";
import { assignFingerprints } from "./fingerprint";
import { notice, FILE_START } from "./notice";
import { linkToThreatModel } from "./threatmodel/link";
import { AnalysisTimeout, Deadline } from "./deadline";

export type { AnalysisContext } from "./analyzer";

export interface SourceFile {
  path: string;
  text: string;
  /** VS Code language id; derived from the path when absent. */
  language?: Language;
}

/** True when some analyzer reads files like this one (decided before reading). */
export function isAnalysable(filePath: string, language: Language | undefined = languageOf(filePath)): boolean {
  return ANALYZERS.some((a) => a.handles(filePath, language));
}

/**
 * Every finding for one file. A pure function of its inputs, and it never throws: a failing
 * analyzer becomes a `vigil/analysis-error` notice and the other analyzers' results stand.
 */
export function analyzeFile(file: SourceFile, context: AnalysisContext): Finding[] {
  const lines = new LineIndex(file.text);
  const selection = selectRules(context.settings);
  const language = file.language ?? languageOf(file.path);
  const raw: RawFinding[] = [];
  const source = new Map<RawFinding, string>();
  const deadline = new Deadline(context.settings.analysisTimeout);
  const stopped: string[] = [];
  for (const analyzer of ANALYZERS) {
    if (!analyzer.handles(file.path, language)) continue;
    try {
      for (const f of analyzer.analyze({ path: file.path, language, lines, selection, context, deadline })) {
        raw.push(f);
        source.set(f, analyzer.name);
      }
    } catch (err) {
      if (err instanceof AnalysisTimeout) {
        stopped.push(analyzer.name);
        continue;
      }
      const why = err instanceof Error ? err.message : String(err);
      raw.push(notice("vigil/analysis-error", `The ${analyzer.name} analyzer failed on this file: ${why}`, FILE_START));
    }
  }
  if (stopped.length > 0) {
    // One notice per file, however many analyses the spent budget stopped.
    const which = stopped.length === 1 ? `The ${stopped[0]} analysis was` : `The ${stopped.join(" and ")} analyses were`;
    raw.push(notice("vigil/analysis-timeout", `${which} stopped: the file's analysis took longer than its ${deadline.budgetMs} ms budget.`, FILE_START));
  }
  const suppressions = findSuppressions(lines);
  for (const s of suppressions.filter((s) => !s.reason)) {
    raw.push(
      notice("vigil/suppression-without-reason", 'This vigil-ignore comment gives no reason, so it silences nothing; add one after "--".', {
        start: { line: s.line, character: s.character },
        end: { line: s.line, character: s.character + s.length },
      }),
    );
  }
  const findings = assignFingerprints(
    dedupe(raw.filter((f) => selection.enabled.has(f.ruleId)), source).map((f) => complete(f, file.path, selection)),
    lines,
  );
  const suppressed = applySuppressions(findings, suppressions.filter((s) => s.reason));
  return linkToThreatModel(suppressed, file.path, lines, context.threatModels).sort(compareFindings);
}

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

/**
 * Two analyzers can see the same weakness at the same spot (a pattern rule and a taint rule, or the
 * secrets scanner and a JS rule): keep one finding per start position and CWE, the most confident
 * (a taint finding, which carries its trace, wins over a pattern match).
 */
function dedupe(raw: RawFinding[], source: Map<RawFinding, string>): RawFinding[] {
  const best = new Map<string, RawFinding>();
  const dropped = new Set<RawFinding>();
  for (const f of raw) {
    if (f.rule.cwe.length === 0) continue;
    const key = `${f.range.start.line}:${f.range.start.character}:${[...f.rule.cwe].sort().join(",")}`;
    const prev = best.get(key);
    // Within one analyzer, rules are distinct checks (and fixtures test each): only across analyzers.
    if (!prev || source.get(prev) === source.get(f)) {
      if (!prev || rank(f) > rank(prev)) best.set(key, f);
      continue;
    }
    if (rank(f) > rank(prev)) {
      dropped.add(prev);
      best.set(key, f);
    } else dropped.add(f);
  }
  return raw.filter((f) => !dropped.has(f));
}

function rank(f: RawFinding): number {
  return CONFIDENCE_RANK[f.rule.confidence] * 10 + (f.trace?.length ? 5 : 0);
}

/** Fills in what comes from the rule's metadata and the user's severity overrides. */
export function complete(f: RawFinding, path: string, selection: RuleSelection): Omit<Finding, "fingerprint"> {
  const { rule, ...rest } = f;
  // A user's severity override for the rule beats the finding's own severity.
  const severity = f.severity && selection.severityOf(rule) === rule.severity ? f.severity : selection.severityOf(rule);
  return { ...rest, path, severity, confidence: f.confidence ?? rule.confidence, cwe: rule.cwe, owasp: rule.owasp };
}
