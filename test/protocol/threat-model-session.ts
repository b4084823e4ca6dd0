/**
 * Helpers for the threat-model protocol tests: a folder with a model and code, and a client that
 * applies WorkspaceEdits the way an editor does (a created file is opened, edits land in buffers).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { documentPath } from "../../server/src/lsp/uri";
import { LspSession } from "./lsp-session";

/** A medium finding (CWE-338) and a high one (CWE-295). */
export const TOKENS_JS = `const https = require("https");

function newSessionToken() {
  return Math.random().toString(36).slice(2);
}

const agent = new https.Agent({ rejectUnauthorized: false });
module.exports = { newSessionToken, agent };
`;

export const MODEL_YAML = `# Threat model of the sessions service.
component: sessions
threats:
  # Tokens must not be guessable.
  - id: T1
    title: Guessable session tokens
    stride: spoofing
    cwe: [CWE-338]
    status: open
    owner: identity-team
`;

export const RANDOMNESS = "js/insecure-randomness";
export const TLS = "js/tls-verification-disabled";

export function makeFolder(prefix: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), `vigil-lsp-${prefix}-`));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Client capabilities that let the server create a threat model with a CreateFile operation. */
export async function startSession(folder: string, initializationOptions: Record<string, unknown>, canCreateFiles = true): Promise<LspSession> {
  return LspSession.start({
    folders: [folder],
    initializationOptions: { trusted: true, ...initializationOptions },
    ...(canCreateFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } } : {}),
  });
}

/** Applies an edit like an editor: a created file is opened empty, every edit goes to an open buffer. */
export async function applyWorkspaceEdit(s: LspSession, edit: WorkspaceEdit, languageId = "yaml"): Promise<void> {
  for (const change of edit.documentChanges ?? []) {
    if ("kind" in change) {
      if (change.kind !== "create") throw new Error(`unexpected resource operation ${change.kind}`);
      await s.open(change.uri, "", languageId);
      continue;
    }
    const { textDocument, edits } = change as TextDocumentEdit;
    if (!s.docs.has(textDocument.uri)) throw new Error(`edit to a document that is not open: ${textDocument.uri}`);
    await s.edit(textDocument.uri, edits.filter((e): e is TextEdit => "newText" in e));
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    if (!s.docs.has(uri)) throw new Error(`edit to a document that is not open: ${uri}`);
    await s.edit(uri, edits);
  }
}

/** Saves an open document: its text goes to disk, then didSave. */
export async function saveToDisk(s: LspSession, uri: string): Promise<void> {
  writeFileSync(documentPath(uri), s.text(uri));
  await s.save(uri);
}

export function quickFixes(s: LspSession, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return s.conn.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics, only: ["quickfix"] } });
}

export const byRule = (diagnostics: Diagnostic[], ruleId: string) => diagnostics.find((d) => d.code === ruleId);

/** The diagnostic's text (LSP 3.18 allows markup; Vigil sends plain strings). */
export const messageOf = (d: Diagnostic | undefined): string => (d === undefined ? "" : typeof d.message === "string" ? d.message : d.message.value);
