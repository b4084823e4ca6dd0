import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { AcceptRiskEditRequest, SecurityReportRequest, type AcceptRiskArgs, type SecurityReportParams } from "../../server/src/lsp/protocol";
import { COMMANDS } from "./command-ids";
import { ThreatModelView } from "./threat-model-view";

/**
 * "Accept risk…": asks why the risk is acceptable and until when, lets the server record it in the
 * nearest threat model (creating threatmodel.yaml when there is none) and applies that edit, then
 * saves the model so the acceptance holds at once in the editor and in CI. Undo takes it back.
 * `reason` and `expires` skip the prompts (tests, other extensions).
 */
export async function acceptRisk(client: LanguageClient, args: AcceptRiskArgs, reason?: string, expires?: string): Promise<boolean> {
  reason ??= await vscode.window.showInputBox({
    title: `Accept the risk of ${args.ruleId}`,
    prompt: "Why is this risk acceptable? The reason is recorded in the threat model for reviewers and auditors.",
    placeHolder: "e.g. internal tool behind the VPN; replaced by the new client in Q3",
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === "" ? "A reason is required." : undefined),
  });
  if (reason === undefined) return false;
  expires ??= await vscode.window.showInputBox({
    title: `Accept the risk of ${args.ruleId}: until when?`,
    prompt: "The last day the acceptance holds (YYYY-MM-DD); after it the finding is reported again.",
    value: args.defaultExpires,
    ignoreFocusOut: true,
    validateInput: (value) => (isDay(value.trim()) ? undefined : "A date as YYYY-MM-DD, e.g. " + args.defaultExpires),
  });
  if (expires === undefined) return false;
  const edit = await client.sendRequest(AcceptRiskEditRequest, { uri: args.uri, fingerprint: args.fingerprint, reason: reason.trim(), expires: expires.trim() });
  if (!edit) {
    void vscode.window.showWarningMessage(`Vigil: the ${args.ruleId} finding is no longer there; nothing was accepted.`);
    return false;
  }
  const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
  const model = workspaceEdit.entries()[0]?.[0];
  if (model) {
    const saved = await (await vscode.workspace.openTextDocument(model)).save();
    if (!saved) void vscode.window.showWarningMessage(`Vigil: save ${vscode.workspace.asRelativePath(model)} for the acceptance to take effect.`);
    void vscode.window
      .showInformationMessage(`Vigil: accepted ${args.ruleId} until ${expires.trim()} in ${vscode.workspace.asRelativePath(model)}.`, "Open")
      .then((choice) => choice && vscode.window.showTextDocument(model));
  }
  return true;
}

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * "Vigil: Generate Security Report": asks for Markdown or HTML and a file, lets the server scan the
 * folder and write the report `vigil report` writes, and saves it. Arguments skip the prompts.
 */
export async function generateReport(client: LanguageClient, format?: SecurityReportParams["format"], target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: "Report on which folder?" }) : folders[0];
  if (!folder) {
    if (folders.length === 0) void vscode.window.showInformationMessage("Vigil: open a folder to report on it.");
    return undefined;
  }
  format ??= (
    await vscode.window.showQuickPick(
      [
        { label: "HTML", description: "one self-contained file with a chart; prints well", format: "html" as const },
        { label: "Markdown", description: "for a pull request, a wiki or a repository", format: "md" as const },
      ],
      { title: "Vigil: Generate Security Report", placeHolder: "Format of the report" },
    )
  )?.format;
  if (!format) return undefined;
  target ??= await vscode.window.showSaveDialog({
    title: "Save the security report",
    defaultUri: vscode.Uri.joinPath(folder.uri, `security-report.${format}`),
    filters: format === "html" ? { HTML: ["html"] } : { Markdown: ["md"] },
  });
  if (!target) return undefined;
  const { text } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Vigil: scanning for the security report…", cancellable: true },
    (_, token) => client.sendRequest(SecurityReportRequest, { folder: folder.uri.toString(), format }, token),
  );
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const written = target;
  void vscode.window
    .showInformationMessage(`Vigil: wrote ${vscode.workspace.asRelativePath(written)}.`, "Open")
    .then((choice) => {
      if (choice) void (format === "html" ? vscode.env.openExternal(written) : vscode.window.showTextDocument(written));
    });
  return written;
}

/** The Threat Model view and the threat-model commands; errors are logged and shown like every Vigil command's. */
export function registerThreatModelFeatures(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const register = <A extends unknown[]>(id: string, run: (...args: A) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: A) => {
      try {
        return await run(...args);
      } catch (error) {
        output.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window.showErrorMessage(`Vigil: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    });
  const view = new ThreatModelView(client, output);
  return [
    view,
    register(COMMANDS.acceptRisk, (args: AcceptRiskArgs, reason?: string, expires?: string) => acceptRisk(client, args, reason, expires)),
    register(COMMANDS.generateReport, (format?: SecurityReportParams["format"], target?: vscode.Uri) => generateReport(client, format, target)),
    // A saved acceptance changes the view even when no diagnostic changes (an already-expired entry).
    vscode.workspace.onDidSaveTextDocument((doc) => /(^|[\\/])\.?threatmodel\.ya?ml$/.test(doc.fileName) && view.refreshSoon()),
  ];
}
