import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CodeAction, Diagnostic, WorkspaceEdit } from "vscode-languageserver";
import { CodeActionKind } from "./languageserver";
import type { Finding, TextEdit } from "../engine/finding";
import { ruleById } from "../engine/rule-selection";
import {
  acceptanceForFinding,
  addAcceptanceEdits,
  addThreatEdits,
  defaultExpiry,
  newModelPathFor,
  offersAddThreat,
  threatForFinding,
} from "../engine/threatmodel/edits";
import { PLACEHOLDER_REASON } from "./code-actions";
import { ACCEPT_RISK_COMMAND, type AcceptRiskArgs } from "./protocol";
import type { ThreatModels } from "./threat-models";
import { fileUri } from "./uri";

export interface ThreatEditEnv {
  models: ThreatModels;
  /** The text of an open document by path (unsaved edits included), undefined when not open. */
  openText(file: string): string | undefined;
  /** The client applies `CreateFile` in `documentChanges`; without it a new model is a plain edit. */
  canCreateFiles: boolean;
  /** The client implements ACCEPT_RISK_COMMAND and asks the user for the reason and expiry. */
  clientAcceptsRisk: boolean;
}

/** What a user decides when accepting a risk. */
export interface RiskDecision {
  reason: string;
  expires?: string;
  approvedBy?: string;
}

/** Threat-model findings describe the model itself: accepting them or adding threats for them makes no sense. */
function isSecurityFinding(ruleId: string): boolean {
  return ruleById(ruleId)?.kind !== "tool" && !ruleId.startsWith("threatmodel/");
}

/** "Accept risk…" and "Add a threat for CWE-n" for one diagnostic's finding. */
export function threatModelActions(d: Diagnostic, finding: Finding | undefined, uri: string, env: ThreatEditEnv): CodeAction[] {
  if (!finding || !isSecurityFinding(finding.ruleId)) return [];
  const actions: CodeAction[] = [];
  const expires = defaultExpiry(env.models.now());
  if (env.clientAcceptsRisk) {
    const args: AcceptRiskArgs = { uri, fingerprint: finding.fingerprint, ruleId: finding.ruleId, defaultExpires: expires };
    const title = `Accept risk of ${finding.ruleId}…`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: ACCEPT_RISK_COMMAND, arguments: [args] } });
  } else {
    const edit = tryEdit(() => acceptRiskEdit(finding, { reason: PLACEHOLDER_REASON, expires }, env));
    if (edit) {
      const title = `Accept risk of ${finding.ruleId} until ${expires} (reason: "${PLACEHOLDER_REASON}")`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
    }
  }
  if (offersAddThreat(finding)) {
    const edit = tryEdit(() => addThreatEdit(finding, env));
    if (edit) actions.push({ title: `Add a threat for ${finding.cwe[0]} to the threat model`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
  }
  return actions;
}

/** A model that does not parse cannot be edited safely: the action is left out rather than failing the menu. */
function tryEdit(make: () => WorkspaceEdit): WorkspaceEdit | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/** Records an `accepted` entry for the finding in the nearest model (a new threatmodel.yaml when none). */
export function acceptRiskEdit(finding: Finding, decision: RiskDecision, env: ThreatEditEnv): WorkspaceEdit {
  const model = env.models.modelFor(finding.path);
  const file = newModelPathFor(finding.path, model);
  const expires = decision.expires || defaultExpiry(env.models.now());
  const acceptance = acceptanceForFinding(finding, file, { ...decision, reason: oneLine(decision.reason), expires });
  const text = modelText(file, env);
  return modelEdit(file, text, addAcceptanceEdits(text, acceptance, componentFor(file)), env);
}

/** Adds an open threat for the finding's CWE to the nearest model (a new threatmodel.yaml when none). */
export function addThreatEdit(finding: Finding, env: ThreatEditEnv): WorkspaceEdit {
  const model = env.models.modelFor(finding.path);
  const file = newModelPathFor(finding.path, model);
  const text = modelText(file, env);
  return modelEdit(file, text, addThreatEdits(text, threatForFinding(finding, model), componentFor(file)), env);
}

function oneLine(reason: string): string {
  return reason.replace(/\s+/g, " ").trim() || PLACEHOLDER_REASON;
}

/** A new model is named after its folder, so the report has a component to show. */
function componentFor(modelFile: string): string {
  return path.basename(path.dirname(modelFile));
}

function modelText(file: string, env: ThreatEditEnv): string | undefined {
  const open = env.openText(file);
  if (open !== undefined) return open;
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function modelEdit(file: string, text: string | undefined, edits: TextEdit[], env: ThreatEditEnv): WorkspaceEdit {
  const uri = fileUri(file);
  if (text !== undefined || !env.canCreateFiles) return { changes: { [uri]: edits } };
  return {
    documentChanges: [
      { kind: "create", uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits },
    ],
  };
}
