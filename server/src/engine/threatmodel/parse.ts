import type { ErrorObject, ValidateFunction } from "ajv";
import { isMap, isScalar, parseDocument, type Document, type Node } from "yaml";
import type { Range } from "../finding";
import { LineIndex } from "../text";
import schema from "./threatmodel.schema.json";
import type { Acceptance, Asset, Threat, ThreatModel } from "./model";

/** A problem in a threat-model file, at the exact place it was written. */
export interface ModelProblem {
  ruleId: "threatmodel/invalid-model" | "threatmodel/unknown-threat-reference";
  message: string;
  range: Range;
}

export interface ParsedThreatModel {
  model: ThreatModel;
  problems: ModelProblem[];
}

let compiled: ValidateFunction | undefined;

/** Ajv loaded and the schema compiled on first use, not at load: that costs every start of the server or CLI tens of milliseconds. */
function validator(): ValidateFunction {
  if (!compiled) {
    const Ajv = (require("ajv") as typeof import("ajv")).default;
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

type Path = (string | number)[];

/**
 * Reads a threat model and checks it: YAML syntax (one problem, the model is then empty), the
 * schema, duplicate ids, `mitigated` without a mitigation, dates, and references between entries.
 * Never throws.
 */
export function parseThreatModel(text: string, file: string): ParsedThreatModel {
  const lines = new LineIndex(text);
  const model: ThreatModel = { file, assets: [], threats: [], accepted: [] };
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const message = `The threat model is not valid YAML: ${syntax.message.split("\n")[0]}`;
    return { model, problems: [{ ruleId: "threatmodel/invalid-model", message, range: lines.rangeOf(syntax.pos[0], syntax.pos[1]) }] };
  }
  if (doc.contents === null) return { model, problems: [] };
  const problems: ModelProblem[] = [];
  const at = (p: Path, key = false) => rangeOf(doc, p, lines, key);
  const problem = (ruleId: ModelProblem["ruleId"], message: string, range: Range) => problems.push({ ruleId, message, range });

  const data: unknown = doc.toJS();
  const validate = validator();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) problem("threatmodel/invalid-model", explain(e), at(...whereOf(e)));
  }
  if (!isRecord(data)) return { model, problems };

  model.component = stringOr(data.component);
  model.description = stringOr(data.description);
  list(data.assets).forEach((a, i) => {
    if (!isRecord(a) || typeof a.id !== "string") return;
    const asset: Asset = {
      id: a.id,
      description: stringOr(a.description),
      classification: stringOr(a.classification) as Asset["classification"],
      data: list(a.data).filter((d): d is string => typeof d === "string"),
      range: at(["assets", i, "id"]),
    };
    model.assets.push(asset);
  });
  list(data.threats).forEach((t, i) => {
    if (!isRecord(t) || typeof t.id !== "string") return;
    const threat: Threat = {
      id: t.id,
      title: stringOr(t.title) ?? t.id,
      stride: stringOr(t.stride) as Threat["stride"],
      cwe: list(t.cwe).filter((c): c is string => typeof c === "string"),
      assets: list(t.assets).filter((c): c is string => typeof c === "string"),
      status: (stringOr(t.status) ?? "open") as Threat["status"],
      mitigation: stringOr(t.mitigation),
      owner: stringOr(t.owner),
      references: list(t.references).filter((c): c is string => typeof c === "string"),
      range: at(["threats", i, "id"]),
    };
    model.threats.push(threat);
    if (threat.status === "mitigated" && !threat.mitigation?.trim()) {
      problem("threatmodel/invalid-model", `Threat ${threat.id} is marked mitigated but says no "mitigation": say how it is countered.`, at(["threats", i, "status"]));
    }
  });
  list(data.accepted).forEach((a, i) => {
    if (!isRecord(a) || typeof a.rule !== "string" || typeof a.fingerprint !== "string" || typeof a.path !== "string") return;
    const acceptance: Acceptance = {
      rule: a.rule,
      fingerprint: a.fingerprint,
      path: a.path.replace(/\\/g, "/").replace(/^\.\//, ""),
      reason: stringOr(a.reason) ?? "",
      expires: stringOr(a.expires),
      approvedBy: stringOr(a.approvedBy),
      threat: stringOr(a.threat),
      range: entryRange(doc, ["accepted", i], lines),
      expiresRange: a.expires === undefined ? undefined : at(["accepted", i, "expires"]),
    };
    model.accepted.push(acceptance);
    if (acceptance.expires && /^\d{4}-\d{2}-\d{2}$/.test(acceptance.expires) && !isRealDate(acceptance.expires)) {
      problem("threatmodel/invalid-model", `"${acceptance.expires}" is not a calendar date.`, acceptance.expiresRange!);
    }
  });

  duplicates(model.assets, "asset", problem);
  duplicates(model.threats, "threat", problem);
  const assetIds = new Set(model.assets.map((a) => a.id));
  const threatIds = new Set(model.threats.map((t) => t.id));
  model.threats.forEach((t, i) =>
    t.assets.forEach((id, j) => {
      if (!assetIds.has(id)) problem("threatmodel/unknown-threat-reference", `Threat ${t.id} names asset "${id}", which this model does not define.`, at(["threats", i, "assets", j]));
    }),
  );
  list(data.accepted).forEach((a, i) => {
    const id = isRecord(a) ? a.threat : undefined;
    if (typeof id === "string" && !threatIds.has(id)) {
      problem("threatmodel/unknown-threat-reference", `This acceptance names threat "${id}", which this model does not define.`, at(["accepted", i, "threat"]));
    }
  });
  return { model, problems };
}

function duplicates(entries: { id: string; range: Range }[], kind: string, problem: (r: ModelProblem["ruleId"], m: string, range: Range) => void) {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) problem("threatmodel/invalid-model", `Duplicate ${kind} id "${e.id}": ids must be unique within a model.`, e.range);
    seen.add(e.id);
  }
}

/** Where a schema error points: the unknown key itself, or the value that is wrong. */
function whereOf(e: ErrorObject): [Path, boolean] {
  const p: Path = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === "additionalProperties") return [[...p, (e.params as { additionalProperty: string }).additionalProperty], true];
  return [p, false];
}

function explain(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "the model";
  switch (e.keyword) {
    case "additionalProperties":
      return `Unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"${e.instancePath ? ` in ${at}` : ""}.`;
    case "enum":
      return `"${at}" must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}.`;
    case "required":
      return `${at} needs "${(e.params as { missingProperty: string }).missingProperty}".`;
    case "pattern":
      if (/cwe/.test(e.instancePath)) return `"${at}" must be a CWE id such as CWE-89.`;
      if (/expires$/.test(e.instancePath)) return `"${at}" must be a date written YYYY-MM-DD.`;
      return `"${at}" is malformed (expected ${(e.params as { pattern: string }).pattern}).`;
    default:
      return `"${at}" ${e.message ?? "is invalid"}.`;
  }
}

function rangeOf(doc: Document, p: Path, lines: LineIndex, key: boolean): Range {
  const node = key ? keyNode(doc, p) : nodeAt(doc, p);
  if (node?.range) return lines.rangeOf(node.range[0], node.range[1]);
  // The path may not exist (a missing key): point at the closest ancestor that does.
  return p.length ? rangeOf(doc, p.slice(0, -1), lines, false) : lines.rangeOf(0, lines.lineText(0).length);
}

function nodeAt(doc: Document, p: Path): Node | undefined {
  const node = p.length ? doc.getIn(p, true) : doc.contents;
  return isNodeLike(node) ? node : undefined;
}

function keyNode(doc: Document, p: Path): Node | undefined {
  const parent = nodeAt(doc, p.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((i) => isScalar(i.key) && i.key.value === p[p.length - 1]);
  return isNodeLike(pair?.key) ? pair.key : undefined;
}

/** A list entry's first line, where editors show a problem with the whole entry. */
function entryRange(doc: Document, p: Path, lines: LineIndex): Range {
  const node = nodeAt(doc, p);
  if (!node?.range) return rangeOf(doc, p, lines, false);
  const start = lines.positionAt(node.range[0]);
  return { start, end: { line: start.line, character: lines.lineText(start.line).length } };
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === "object" && v !== null && "range" in v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function stringOr(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
