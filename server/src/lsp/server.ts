import * as path from "node:path";
import type { Connection, Diagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { CONFIG_FILE } from "../engine/config";
import { DOCS_BASE_URL } from "../engine/rule";
import { isThreatModelFile } from "../engine/threatmodel/model";
import { codeActions, ignoreEdit } from "./code-actions";
import { DocumentDiagnostics } from "./document-diagnostics";
import { registerDocumentEvents } from "./document-events";
import { hoverFor } from "./hover";
import { initialize } from "./initialize";
import { createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures } from "./languageserver";
import { prewarm } from "./prewarm";
import { ExportSarifRequest, IgnoreEditRequest, SHOW_DOCUMENTATION_COMMAND } from "./protocol";
import { exportSarif } from "./sarif-export";
import { createServerState, guardFor, RETHROW } from "./server-state";
import { threatModelActions, type ThreatEditEnv } from "./threat-model-actions";
import { registerThreatModelRequests } from "./threat-model-requests";
import { documentPath, fileUri } from "./uri";
import { WorkspaceConfig } from "./workspace-config";
import { registerWorkspaceScan, scanCacheDir } from "./workspace-scan";

export interface ServerHooks {
  /** The code cache dist/server.js loaded the server with; absent when the server runs another way. */
  codeCache?: {
    used: boolean;
    /** Writes the cache (once pre-warm has run, so it holds the warm code); true when written. */
    save(): boolean;
  };
}

/** Serves over the transport named on the command line (`--stdio`, `--node-ipc`). */
export function runLanguageServer(hooks: ServerHooks = {}): void {
  startServer(createConnection(ProposedFeatures.all), hooks);
}

/** Wires one LSP connection to the engine. Every handler catches and logs its own errors. */
export function startServer(connection: Connection, hooks: ServerHooks = {}): void {
  const state = createServerState(connection);
  const { documents, store, completedFolders } = state;
  const guard = guardFor(connection);
  const diagnostics = new DocumentDiagnostics(state, guard);
  const config = new WorkspaceConfig(state, diagnostics);
  let shuttingDown = false;

  connection.onInitialize((params) => {
    const result = initialize(state, params);
    // Documents opened meanwhile read the models on their own path ahead; if one of those turns out otherwise, they are judged again.
    void config.startLoadingModels(state.folders.list(), () => {
      if (state.threatModels.readAheadChanged()) diagnostics.rediagnoseAll();
    });
    return result;
  });

  connection.onInitialized(
    guard("initialized", undefined, async () => {
      // In the background: the first document's analysis then finds the analyzers loaded and warm.
      const settings = state.folders.configFor(state.folders.list()[0] ?? "").settings;
      const idle = () => diagnostics.idle();
      const { codeCache } = hooks;
      if (codeCache?.used) state.trace("code cache used");
      void guard("pre-warm", undefined, async () => {
        await prewarm({ settings, idle, stopped: () => shuttingDown, trace: state.trace });
        await idle();
        if (codeCache && !codeCache.used && !shuttingDown) state.trace(codeCache.save() ? "code cache written" : "code cache not written");
      })();
      const { client } = state;
      if (client.canPullSettings) await connection.client.register(DidChangeConfigurationNotification.type, { section: "vigil" });
      if (client.canWatchFiles) {
        const watchers = [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: "**/{threatmodel,.threatmodel}.{yaml,yml}" }];
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      }
      if (client.hasFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard("workspace folders", undefined, (e) => {
            const removed = new Set(e.removed.map((f) => documentPath(f.uri)));
            const added = e.added.map((f) => documentPath(f.uri));
            state.folders.set([...state.folders.list().filter((f) => !removed.has(f)), ...added]);
            for (const f of added) config.reloadConfig(f);
            void config.startLoadingModels(added, () => added.forEach((f) => diagnostics.rediagnoseAll(f)));
          }),
        );
      }
      for (const folder of state.folders.list()) config.publishConfigProblems(state.folders.folderConfig(folder));
    }),
  );

  registerDocumentEvents(state, guard, diagnostics, config);

  connection.onDidChangeConfiguration(
    guard("didChangeConfiguration", undefined, (params) => {
      state.editorSettings.reset(params.settings);
      diagnostics.rediagnoseAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard("didChangeWatchedFiles", undefined, (params) => {
      for (const change of params.changes) {
        const file = documentPath(change.uri);
        if (documents.get(change.uri)) continue; // the editor's text wins over the disk
        if (state.folders.isConfigFile(file)) config.reloadConfig(path.dirname(file));
        if (isThreatModelFile(file)) config.modelChanged(file);
      }
    }),
  );

  const currentFindings = (doc: TextDocument) => diagnostics.currentFindings(doc);

  connection.onCodeAction(
    guard("codeAction", [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const threatModelActionsFor = (d: TextDocument, diagnostic: Diagnostic, fingerprint: string) =>
        threatModelActions(diagnostic, diagnostics.findingOf(d, fingerprint), d.uri, threatEditEnv());
      return codeActions(params, doc, { currentFindings, clientAsksReason: state.client.asksReason, threatModelActions: threatModelActionsFor });
    }),
  );

  connection.onHover(
    guard("hover", null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? hoverFor(currentFindings(doc), params.position) : null;
    }),
  );

  function threatEditEnv(): ThreatEditEnv {
    const openText = (file: string) => documents.get(fileUri(file))?.getText();
    return { models: state.threatModels, openText, canCreateFiles: state.client.canCreateFiles, clientAcceptsRisk: state.client.acceptsRisk };
  }

  /** The workspace folder a request names, or the first one. */
  function requestedFolder(uri: string | undefined): string {
    const folders = state.folders.list();
    const folder = uri ? documentPath(uri) : folders[0];
    if (!folder || !folders.includes(folder)) throw new Error(`not a workspace folder: ${uri ?? "(none open)"}`);
    return folder;
  }

  connection.onExecuteCommand(
    guard("executeCommand", undefined, async (params) => {
      if (params.command !== SHOW_DOCUMENTATION_COMMAND) return;
      const url = params.arguments?.[0];
      // Only our own documentation: a command argument must never open arbitrary URLs.
      if (typeof url !== "string" || !url.startsWith(DOCS_BASE_URL)) throw new Error(`not a Vigil documentation URL: ${String(url)}`);
      if (state.client.canShowDocument) await connection.window.showDocument({ uri: url, external: true });
      else connection.window.showInformationMessage(`Vigil rule documentation: ${url}`);
    }),
  );

  connection.onRequest(
    IgnoreEditRequest,
    guard("vigil/ignoreEdit", RETHROW, (params) => {
      const doc = documents.get(params.uri);
      return doc ? ignoreEdit(doc, params.line, params.ruleId, params.reason) : null;
    }),
  );

  registerThreatModelRequests(connection, (name, handler) => guard(name, RETHROW, handler), {
    ready: () => state.modelsLoaded,
    models: () => state.threatModels,
    store,
    folder: requestedFolder,
    settings: (folder) => state.folders.folderConfig(folder).settings,
    scanned: (folder) => completedFolders.has(folder),
    finding: (uri, fingerprint) => {
      const doc = documents.get(uri);
      return doc && diagnostics.findingOf(doc, fingerprint);
    },
    editEnv: threatEditEnv,
    scanCacheDir: () => scanCacheDir(state.storageFolder, state.trusted),
    log: state.log,
  });

  const workspaceScan = registerWorkspaceScan(state, guard, diagnostics, config);

  connection.onRequest(
    ExportSarifRequest,
    guard("vigil/exportSarif", RETHROW, (params) => {
      const folder = requestedFolder(params.folder);
      return exportSarif(folder, store, state.folders.folderConfig(folder).settings, completedFolders.has(folder));
    }),
  );

  connection.onShutdown(
    guard("shutdown", undefined, () => {
      shuttingDown = true;
      diagnostics.debouncer.cancelAll();
      workspaceScan.stop();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
