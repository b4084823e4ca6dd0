import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { CodeActionKind } from "./languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding, Fix } from "../engine/finding";
import { ruleDocUrl } from "../engine/rule";
import { ruleById } from "../engine/rule-selection";
import { vigilData } from "./diagnostics";
import { FIX_ALL_KIND, IGNORE_FINDING_COMMAND, SHOW_DOCUMENTATION_COMMAND, type IgnoreFindingArgs } from "./protocol";

export const PLACEHOLDER_REASON = "TODO: reason";

export interface CodeActionContext {
  /** Findings of the document's current text (from the content-hash cache when unchanged). */
  currentFindings(doc: TextDocument): Finding[];
  /** The client asks for a reason itself (it implements IGNORE_FINDING_COMMAND). */
  clientAsksReason: boolean;
  /** "Accept risk…" and "Add a threat…" for the finding behind a diagnostic. */
  threatModelActions(doc: TextDocument, d: Diagnostic, fingerprint: string): CodeAction[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + "."));
}

export function codeActions(params: CodeActionParams, doc: TextDocument, ctx: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(doc, ctx.currentFindings(doc));
    if (fixAll) actions.push(fixAll);
  }
  if (!wants(only, CodeActionKind.QuickFix)) return actions;
  const offered = new Set<string>();
  let fresh: Finding[] | undefined;
  for (const d of params.context.diagnostics) {
    const data = vigilData(d);
    if (!data) continue;
    const ruleId = d.code as string;
    // Fix ranges refer to the analysed version; on newer text, take the fixes of the same finding now.
    let fixes = data.fixes;
    if (data.version !== doc.version) {
      fresh ??= ctx.currentFindings(doc);
      fixes = fresh.find((f) => f.fingerprint === data.fingerprint)?.fixes ?? [];
    }
    for (const fix of fixes) actions.push(fixAction(doc.uri, d, fix));
    const line = d.range.start.line;
    if (ruleById(ruleId)?.kind !== "tool" && !offered.has(`ignore:${ruleId}:${line}`)) {
      offered.add(`ignore:${ruleId}:${line}`);
      actions.push(ignoreAction(doc, d, { uri: doc.uri, line, ruleId }, ctx.clientAsksReason));
    }
    if (!offered.has(`threat:${data.fingerprint}`)) {
      offered.add(`threat:${data.fingerprint}`);
      actions.push(...ctx.threatModelActions(doc, d, data.fingerprint));
    }
    if (!offered.has(`docs:${ruleId}`)) {
      offered.add(`docs:${ruleId}`);
      const title = `Show documentation for ${ruleId}`;
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocUrl(ruleId)] },
      });
    }
  }
  return actions;
}

function fixAction(uri: string, d: Diagnostic, fix: Fix): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: fix.isPreferred,
    edit: { changes: { [uri]: fix.edits } },
  };
}

function ignoreAction(doc: TextDocument, d: Diagnostic, args: IgnoreFindingArgs, clientAsksReason: boolean): CodeAction {
  if (clientAsksReason) {
    const title = `Ignore ${args.ruleId} on this line…`;
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: IGNORE_FINDING_COMMAND, arguments: [args] } };
  }
  return {
    title: `Ignore ${args.ruleId} on this line (reason: "${PLACEHOLDER_REASON}")`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: ignoreEdit(doc, args.line, args.ruleId, PLACEHOLDER_REASON),
  };
}

/** `source.fixAll.vigil`: every safe fix of the current text at once; suggestions never. */
function fixAllAction(doc: TextDocument, findings: Finding[]): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const taken: [number, number][] = [];
  for (const f of findings) {
    if (f.suppression) continue;
    const fix = f.fixes.find((x) => x.isPreferred);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    // Overlapping fixes would corrupt the text; the skipped one is offered again after this one lands.
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  if (edits.length === 0) return undefined;
  return { title: "Fix all safe Vigil problems", kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } };
}

interface CommentStyle {
  open: string;
  close: string;
}
const HASH: CommentStyle = { open: "#", close: "" };
const COMMENT_BY_LANGUAGE: Record<string, CommentStyle> = {
  python: HASH, ruby: HASH, shellscript: HASH, yaml: HASH, dockerfile: HASH, properties: HASH, ini: HASH, toml: HASH,
  html: { open: "<!--", close: " -->" }, xml: { open: "<!--", close: " -->" }, markdown: { open: "<!--", close: " -->" },
  sql: { open: "--", close: "" }, lua: { open: "--", close: "" },
  css: { open: "/*", close: " */" },
};

/** Inserts `vigil-ignore-next-line <rule> -- <reason>` above `line`, indented like it, in the file's comment syntax. */
export function ignoreEdit(doc: TextDocument, line: number, ruleId: string, reason: string): WorkspaceEdit {
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const style = COMMENT_BY_LANGUAGE[doc.languageId] ?? { open: "//", close: "" };
  const oneLine = reason.replace(/\s+/g, " ").trim() || PLACEHOLDER_REASON;
  const comment = `${indent}${style.open} vigil-ignore-next-line ${ruleId} -- ${oneLine}${style.close}${eol}`;
  const at = { line, character: 0 };
  return { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: comment }] } };
}
