import * as path from "node:path";
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node, type Pair } from "yaml";
import { atLeast, type Finding, type TextEdit } from "../finding";
import { ruleById } from "../rule-selection";
import { LineIndex } from "../text";
import type { Acceptance, Threat, ThreatModel } from "./model";

/**
 * Edits that add to a threat model while keeping every comment and every other byte as written:
 * each is one insertion (or the replacement of an empty list), computed on the YAML's positions.
 * The language server wraps them in WorkspaceEdits for "Accept risk…" and "Add a threat for CWE-n".
 */

/** A threat to add: the model's fields, without source positions. */
export type NewThreat = Pick<Threat, "id" | "title" | "cwe" | "status"> & Partial<Pick<Threat, "stride" | "mitigation" | "owner">>;

/** An acceptance to record; `path` is relative to the model's folder and `expires` is YYYY-MM-DD. */
export type NewAcceptance = Omit<Acceptance, "range" | "expiresRange">;

export class ThreatModelEditError extends Error {}

/**
 * Adds a threat to the model text; `text` undefined means the file does not exist yet, and the
 * single edit (an insertion at 0:0) is the whole new file.
 */
export function addThreatEdits(text: string | undefined, threat: NewThreat, component?: string): TextEdit[] {
  return addToList(text, "threats", { ...threat }, component);
}

/** Records an acceptance in the model text (`text` undefined: a new file, as for addThreatEdits). */
export function addAcceptanceEdits(text: string | undefined, acceptance: NewAcceptance, component?: string): TextEdit[] {
  return addToList(text, "accepted", { ...acceptance }, component);
}

/** "Add a threat for CWE-n" is offered for a high or critical finding that no threat in scope covers. */
export function offersAddThreat(finding: Pick<Finding, "severity" | "cwe" | "threat" | "ruleId">): boolean {
  return atLeast(finding.severity, "high") && !finding.threat && finding.cwe.length > 0 && ruleById(finding.ruleId)?.kind !== "tool";
}

/** A threat entry for a finding that no threat covers: the next free `T<n>` id, titled after the rule. */
export function threatForFinding(finding: Pick<Finding, "ruleId" | "cwe">, model: ThreatModel | undefined): NewThreat {
  const taken = new Set(model?.threats.map((t) => t.id) ?? []);
  let n = (model?.threats.length ?? 0) + 1;
  while (taken.has(`T${n}`)) n++;
  const title = ruleById(finding.ruleId)?.title ?? finding.ruleId;
  return { id: `T${n}`, title, cwe: [...finding.cwe], status: "open" };
}

/** An acceptance of one finding, with its path relative to the model's folder. */
export function acceptanceForFinding(
  finding: Pick<Finding, "ruleId" | "fingerprint" | "path" | "threat">,
  modelFile: string,
  decision: { reason: string; expires?: string; approvedBy?: string },
): NewAcceptance {
  const rel = path.relative(path.dirname(modelFile), finding.path).split(path.sep).join("/");
  return {
    rule: finding.ruleId,
    fingerprint: finding.fingerprint,
    path: rel,
    reason: decision.reason,
    ...(decision.expires ? { expires: decision.expires } : {}),
    ...(decision.approvedBy ? { approvedBy: decision.approvedBy } : {}),
    ...(finding.threat ? { threat: finding.threat.id } : {}),
  };
}

/** The default expiry of an acceptance: `days` after `now`, as YYYY-MM-DD (UTC). */
export function defaultExpiry(now: Date, days = 90): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where a new model for a file goes when no model covers it: beside the file. */
export function newModelPathFor(file: string, model: ThreatModel | undefined): string {
  return model ? model.file : path.join(path.dirname(file), "threatmodel.yaml");
}


function addToList(text: string | undefined, key: "threats" | "accepted", entry: Record<string, unknown>, component?: string): TextEdit[] {
  if (text === undefined || text.trim() === "") {
    const head = component ? `component: ${renderScalar(component)}\n` : "";
    const body = `${head}${key}:\n${renderItem(entry, 2)}`;
    return [insertAt(new LineIndex(text ?? ""), text?.length ?? 0, body)];
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ThreatModelEditError(`The threat model does not parse (${doc.errors[0]!.message.split("\n")[0]}); fix it first.`);
  const lines = new LineIndex(text);
  const root = doc.contents;
  if (!isMap(root) || root.flow) throw new ThreatModelEditError("The threat model's top level is not a block mapping.");
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
  if (!pair) {
    const atEnd = text.endsWith("\n") ? "" : "\n";
    return [insertAt(lines, text.length, `${atEnd}${key}:\n${renderItem(entry, 2)}`)];
  }
  const list = pair.value;
  const keyNode = pair.key as Node;
  const keyColumn = lines.positionAt(keyNode.range![0]).character;
  if (list === null || (isScalar(list) && (list.value === null || list.value === "")) || (isSeq(list) && list.items.length === 0)) {
    // `threats:` or `threats: []`: the list starts here.
    const from = keyNode.range![1];
    const to = list?.range ? list.range[1] : from;
    const colon = text.indexOf(":", from);
    return [replace(lines, colon + 1, Math.max(to, colon + 1), `\n${renderItem(entry, keyColumn + 2).replace(/\n$/, "")}`)];
  }
  if (!isSeq(list)) throw new ThreatModelEditError(`"${key}" is not a list.`);
  if (list.flow) {
    const flowEntry = new Document(entry);
    (flowEntry.contents as Node & { flow: boolean }).flow = true;
    const close = text.lastIndexOf("]", list.range![1]);
    return [insertAt(lines, close, `, ${flowEntry.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd()}`)];
  }
  const last = list.items[list.items.length - 1] as Node;
  const dashColumn = lines.positionAt(list.range![0]).character;
  const lastLine = lines.positionAt(last.range![1] - 1).line;
  const offset = lastLine + 1 < lines.lineCount ? lines.offsetAt({ line: lastLine + 1, character: 0 }) : text.length;
  const atEnd = offset >= text.length && !text.endsWith("\n") ? "\n" : "";
  return [insertAt(lines, offset, `${atEnd}${renderItem(entry, dashColumn)}`)];
}

/** One `- key: value` list item, indented to `column`; lists of scalars in flow style (`[CWE-89]`). */
function renderItem(entry: Record<string, unknown>, column: number): string {
  const doc = new Document([entry]);
  visit(doc, {
    Seq(_, node) {
      if (node !== doc.contents && node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  const pad = " ".repeat(column);
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => pad + l)
    .join("\n")
    .concat("\n");
}

function renderScalar(value: string): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

function insertAt(lines: LineIndex, offset: number, newText: string): TextEdit {
  const at = lines.positionAt(offset);
  return { range: { start: at, end: at }, newText };
}

function replace(lines: LineIndex, from: number, to: number, newText: string): TextEdit {
  return { range: lines.rangeOf(from, to), newText };
}
