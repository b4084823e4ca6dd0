import * as path from "node:path";
import type { InitializeParams, InitializeResult } from "vscode-languageserver";
import { CodeActionKind, TextDocumentSyncKind } from "./languageserver";
import { VERSION } from "../engine/version";
import { Folders } from "./folders";
import { ACCEPT_RISK_COMMAND, FIX_ALL_KIND, IGNORE_FINDING_COMMAND, SHOW_DOCUMENTATION_COMMAND, type InitializationOptions } from "./protocol";
import type { ServerState } from "./server-state";
import { ThreatModels } from "./threat-models";
import { documentPath } from "./uri";

/** Takes in what the client sent (trust, storage, capabilities, folders) and answers with the server's capabilities. */
export function initialize(state: ServerState, params: InitializeParams): InitializeResult {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  state.trusted = options.trusted !== false;
  state.folders = new Folders(state.trusted);
  const fixedNow = options.now === undefined ? undefined : new Date(options.now);
  if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new Error(`initializationOptions.now is not a date: ${options.now}`);
  state.threatModels = new ThreatModels(fixedNow ? () => fixedNow : () => new Date(), state.trusted);
  state.storageFolder = storageFolderOf(options.storageFolder);
  const caps = params.capabilities;
  const workspaceEdit = caps.workspace?.workspaceEdit;
  state.client = {
    asksReason: !!options.clientCommands?.includes(IGNORE_FINDING_COMMAND),
    acceptsRisk: !!options.clientCommands?.includes(ACCEPT_RISK_COMMAND),
    canCreateFiles: !!workspaceEdit?.documentChanges && !!workspaceEdit.resourceOperations?.includes("create"),
    canPullSettings: !!caps.workspace?.configuration,
    canWatchFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    canShowDocument: !!caps.window?.showDocument?.support,
    hasFolderEvents: !!caps.workspace?.workspaceFolders,
  };
  const roots = params.workspaceFolders?.map((f) => documentPath(f.uri)) ?? (params.rootUri ? [documentPath(params.rootUri)] : []);
  state.folders.set(roots);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: "vigil", version: VERSION },
  };
}

/** An absolute folder path, or undefined: a relative one would land wherever the server was started. */
function storageFolderOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !path.isAbsolute(value)) throw new Error(`initializationOptions.storageFolder must be an absolute path: ${JSON.stringify(value)}`);
  return value;
}
