import * as path from "node:path";
import type { Analyzer, AnalyzerInput, RawFinding } from "../analyzer";
import { notice } from "../notice";
import { findAnnotations } from "./annotations";
import { acceptanceFor } from "./link";
import { acceptedPath, isExpired, isThreatModelFile, type ThreatModel } from "./model";
import { parseThreatModel } from "./parse";
import { modelFor, type ThreatModelContext } from "./scope";

/** Extensions of source files whose comments may carry threat-model annotations. */
const ANNOTATED = new Set(
  ".js .mjs .cjs .jsx .ts .mts .cts .tsx .py .go .java .kt .kts .scala .rb .php .cs .rs .swift .c .h .cc .cpp .hpp .sh .bash .zsh .yaml .yml .tf".split(" "),
);

/** Threat-model files (validation, expired and stale acceptances) and annotations in code. */
export const threatModelAnalyzer: Analyzer = {
  name: "threat model",
  handles(filePath) {
    return isThreatModelFile(filePath) || (ANNOTATED.has(path.extname(filePath).toLowerCase()) && !filePath.endsWith(".d.ts"));
  },
  analyze(input) {
    return isThreatModelFile(input.path) ? checkModel(input) : checkAnnotations(input);
  },
};

function checkModel(input: AnalyzerInput): RawFinding[] {
  const { model, problems } = parseThreatModel(input.lines.text, input.path);
  const out = problems.map((p) => notice(p.ruleId, p.message, p.range));
  const context = input.context.threatModels;
  const now = context?.now ?? new Date();
  for (const a of model.accepted) {
    if (isExpired(a, now)) {
      const message = `The acceptance of ${a.rule} in ${a.path} expired on ${a.expires}: the finding is reported again until the risk is fixed or accepted anew.`;
      out.push(notice("threatmodel/expired-acceptance", message, a.expiresRange ?? a.range));
    } else if (isStale(model, a, context)) {
      out.push(notice("threatmodel/stale-acceptance", `No ${a.rule} finding in ${a.path} has this fingerprint any more: the acceptance can go.`, a.range));
    }
  }
  return out;
}

function isStale(model: ThreatModel, a: ThreatModel["accepted"][number], context: ThreatModelContext | undefined): boolean {
  const project = context?.project;
  const file = acceptedPath(model, a);
  if (!project?.covers(file)) return false;
  return !project.findings.some((f) => f.path === file && acceptanceFor(f, model) === a);
}

function checkAnnotations(input: AnalyzerInput): RawFinding[] {
  const context = input.context.threatModels;
  if (!context) return []; // without the project's models, no reference can be judged
  const annotations = findAnnotations(input.lines);
  if (annotations.length === 0) return [];
  const model = modelFor(context.models, input.path);
  const where = model ? path.relative(path.dirname(input.path), model.file).split(path.sep).join("/") : undefined;
  const out: RawFinding[] = [];
  for (const a of annotations) {
    if (!model) {
      out.push(notice("threatmodel/unknown-threat-reference", `@${a.kind} names threat ${a.threat}, but no threat model covers this file.`, a.threatRange));
      continue;
    }
    if (!model.threats.some((t) => t.id === a.threat)) {
      out.push(notice("threatmodel/unknown-threat-reference", `@${a.kind} names threat ${a.threat}, which ${where} does not define.`, a.threatRange));
    }
    if (a.asset !== undefined && !model.assets.some((x) => x.id === a.asset)) {
      out.push(notice("threatmodel/unknown-threat-reference", `@exposes names asset "${a.asset}", which ${where} does not define.`, a.assetRange!));
    }
  }
  return out;
}
