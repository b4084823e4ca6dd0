import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  ExportSarifRequest,
  IgnoreEditRequest,
  ScanWorkspaceRequest,
  type IgnoreFindingArgs,
  type ScanWorkspaceResult,
} from "../../server/src/lsp/protocol";
import { COMMANDS } from "./command-ids";
import { docUrlsAtCursor, openRuleDocumentation } from "./rule-docs";
import type { VigilStatusBar } from "./status-bar";
import { scanSummary } from "./summary";

export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  statusBar: VigilStatusBar;
  output: vscode.LogOutputChannel;
}

/** Registers every Vigil command; each returns its result so tests and other extensions can use it. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        ctx.output.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window.showErrorMessage(`Vigil: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    });
  return [
    register(COMMANDS.scanWorkspace, () => scanWorkspace(ctx)),
    register(COMMANDS.exportSarif, (target?: vscode.Uri) => exportSarif(ctx, target)),
    register(COMMANDS.showOutput, () => ctx.output.show(true)),
    register(COMMANDS.restartServer, () => ctx.client.restart()),
    register(COMMANDS.showDocumentation, (url?: string) => showDocumentation(ctx, url)),
    register(COMMANDS.ignoreFinding, (args: IgnoreFindingArgs, reason?: string) => ignoreFinding(ctx, args, reason)),
    register(COMMANDS.showMenu, () => showMenu()),
  ];
}

async function scanWorkspace(ctx: CommandContext): Promise<ScanWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage("Vigil: open a folder to scan a workspace.");
    return undefined;
  }
  const result = await ctx.statusBar.whileScanning(() => ctx.client.sendRequest(ScanWorkspaceRequest, {}));
  const summary = scanSummary(result);
  ctx.output.info(`${summary} (${result.durationMs} ms)`);
  // Not awaited: the command resolves with the summary while the notification waits for the user.
  void vscode.window.showInformationMessage(summary, "Open Problems").then((choice) => {
    if (choice) void vscode.commands.executeCommand("workbench.actions.view.problems");
  });
  return result;
}

/** Writes the server's SARIF for a workspace folder to `target`, or to a file the user picks. */
async function exportSarif(ctx: CommandContext, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  target ??= await vscode.window.showSaveDialog({
    title: "Export Vigil findings as SARIF",
    defaultUri: vscode.Uri.joinPath(folder.uri, "vigil.sarif"),
    filters: { SARIF: ["sarif", "json"] },
  });
  if (!target) return undefined;
  const result = await ctx.client.sendRequest(ExportSarifRequest, { folder: folder.uri.toString() });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(result.sarif, null, 2) + "\n"));
  const scope = result.complete ? "" : " Only open files are included: run Vigil: Scan Workspace for the whole folder.";
  void vscode.window
    .showInformationMessage(`Vigil: wrote ${vscode.workspace.asRelativePath(target)}.${scope}`, "Open")
    .then((choice) => choice && vscode.window.showTextDocument(target));
  return target;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showInformationMessage("Vigil: open a folder to export its findings.");
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: "Export the findings of which folder?" });
}

/**
 * "Ignore on this line…": asks why the finding is safe to ignore, then lets the server build the
 * suppression comment and applies it as a workspace edit, so one Undo takes it back.
 */
async function ignoreFinding(ctx: CommandContext, args: IgnoreFindingArgs, reason?: string): Promise<boolean> {
  reason ??= await vscode.window.showInputBox({
    title: `Ignore ${args.ruleId} on this line`,
    prompt: "Why is this finding safe to ignore? The reason is kept in the comment for reviewers.",
    placeHolder: "e.g. the host comes from our own allowlist",
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === "" ? "A reason is required." : undefined),
  });
  if (reason === undefined) return false;
  const edit = await ctx.client.sendRequest(IgnoreEditRequest, { ...args, reason: reason.trim() });
  if (!edit) {
    void vscode.window.showWarningMessage(`Vigil: could not add an ignore comment for ${args.ruleId} here.`);
    return false;
  }
  return vscode.workspace.applyEdit(await ctx.client.protocol2CodeConverter.asWorkspaceEdit(edit));
}

async function showDocumentation(ctx: CommandContext, url?: string): Promise<void> {
  if (!url) {
    const candidates = docUrlsAtCursor();
    const picked =
      candidates.length <= 1
        ? candidates[0]
        : await vscode.window.showQuickPick(candidates, { placeHolder: "Documentation of which rule?" });
    if (!picked) {
      if (candidates.length === 0) void vscode.window.showInformationMessage("Vigil: no finding at the cursor.");
      return;
    }
    url = picked.url;
  }
  await openRuleDocumentation(ctx.extension.extensionUri, url);
}

async function showMenu(): Promise<void> {
  const items = [
    { label: "$(search) Scan Workspace", command: COMMANDS.scanWorkspace },
    { label: "$(output) Show Output", command: COMMANDS.showOutput },
    { label: "$(export) Export SARIF Report", command: COMMANDS.exportSarif },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: "Vigil" });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
