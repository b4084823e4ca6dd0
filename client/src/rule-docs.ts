import * as vscode from "vscode";
import { DOCS_BASE_URL } from "../../server/src/engine/rule";

/**
 * Opens a rule's documentation. The .vsix carries every rule's page (rules/<id>.md), so a doc URL
 * the server hands out opens as a local Markdown preview, offline; anything else opens externally.
 */
export async function openRuleDocumentation(extensionUri: vscode.Uri, url: string): Promise<void> {
  if (url.startsWith(DOCS_BASE_URL)) {
    const local = vscode.Uri.joinPath(extensionUri, "rules", ...url.slice(DOCS_BASE_URL.length).split("/"));
    if (await exists(local)) {
      await vscode.commands.executeCommand("markdown.showPreview", local);
      return;
    }
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** Doc URLs of the Vigil diagnostics under the cursor (or the selection) in the active editor. */
export function docUrlsAtCursor(): { label: string; url: string }[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const seen = new Map<string, string>();
  for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (d.source !== "vigil" || typeof d.code !== "object" || !d.range.intersection(editor.selection)) continue;
    seen.set(String(d.code.value), d.code.target.toString(true));
  }
  return [...seen].map(([label, url]) => ({ label, url }));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
