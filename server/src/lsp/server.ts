import { hoverFor } from "./hover";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CONFIG_FILE } from "../engine/config";
import { DOCS_BASE_URL } from "../engine/rule";
import { analyzePath } from "../engine/scan";
import { VERSION } from "../engine/version";
import type { Finding } from "../engine/finding";
import { isThreatModelFile } from "../engine/threatmodel/model";
import { codeActions, ignoreEdit } from "./code-actions";
import { Debouncer, DocumentAnalyzer, isAnalysableDocument, type DocumentThreatModels } from "./document-analysis";
import { EditorSettingsCache } from "./editor-settings";
import { FindingsStore } from "./findings-store";
import { Folders, type FolderConfig } from "./folders";
import {
  ACCEPT_RISK_COMMAND,
  ExportSarifRequest,
  FIX_ALL_KIND,
  IGNORE_FINDING_COMMAND,
  IgnoreEditRequest,
  ScanWorkspaceRequest,
  SHOW_DOCUMENTATION_COMMAND,
  type InitializationOptions,
  type ScanWorkspaceResult,
} from "./protocol";
import { exportSarif } from "./sarif-export";
import { threatModelActions, type ThreatEditEnv } from "./threat-model-actions";
import { registerThreatModelRequests } from "./threat-model-requests";
import { isUnder, ThreatModels } from "./threat-models";
import { documentPath, fileUri } from "./uri";
import { openDocumentsByPath, scanWorkspace } from "./workspace-scan";

const RETHROW = Symbol("rethrow");

/** Serves over the transport named on the command line (`--stdio`, `--node-ipc`). */
export function runLanguageServer(): void {
  startServer(createConnection(ProposedFeatures.all));
}

/** Wires one LSP connection to the engine. Every handler catches and logs its own errors. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyzer = new DocumentAnalyzer();
  const debouncer = new Debouncer();
  const store = new FindingsStore(connection);
  const completedFolders = new Set<string>();
  /** Version last analysed per open document, so a debounced run after open or save is skipped. */
  const analysedVersion = new Map<string, number>();
  let folders = new Folders(true);
  let threatModels = new ThreatModels(() => new Date());
  /** Settles once every folder's threat models are read: analysis waits for it, so findings link from the start. */
  let modelsLoaded: Promise<unknown> = Promise.resolve();
  let clientAsksReason = false;
  let clientAcceptsRisk = false;
  let canCreateFiles = false;
  let canPullSettings = false;
  let canWatchFiles = false;
  let canShowDocument = false;
  let hasFolderEvents = false;
  let runningScan: { abort: AbortController; done: Promise<unknown> } | undefined;

  const log = (message: string) => connection.console.log(message);
  const trace = (message: string) => connection.tracer.log(message);
  const settings = new EditorSettingsCache(connection, () => canPullSettings, log);

  /** Logs a handler's error; notifications then carry on, requests answer with the error. */
  function guard<A extends unknown[], R>(name: string, fallback: R | typeof RETHROW, handler: (...args: A) => R | Promise<R>) {
    return async (...args: A): Promise<R> => {
      try {
        return await handler(...args);
      } catch (err) {
        if (err instanceof ResponseError && err.code === LSPErrorCodes.RequestCancelled) throw err;
        connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (fallback === RETHROW) throw err;
        return fallback;
      }
    };
  }

  /** Analyses an open document now (cached when unchanged) and publishes; returns its findings. */
  function diagnoseNow(doc: TextDocument): Finding[] {
    if (!isAnalysableDocument(doc)) return [];
    const file = documentPath(doc.uri);
    const started = performance.now();
    const { findings, cached } = analyzer.analyse(doc, folders.configFor(file), modelsFor(file));
    analysedVersion.set(doc.uri, doc.version);
    const ms = (performance.now() - started).toFixed(1);
    trace(`${cached ? "unchanged, not re-analysed" : "analysed"}: ${doc.uri} v${doc.version} (${findings.length} findings, ${ms} ms)`);
    store.publish(file, doc.uri, findings, doc.version);
    return findings;
  }

  function modelsFor(file: string): DocumentThreatModels {
    const findings = () => folders.list().flatMap((folder) => store.findingsUnder(folder));
    return threatModels.forFile(file, { openFiles: new Set(openDocumentsByPath(documents.all()).keys()), scannedFolders: completedFolders, findings });
  }

  async function diagnose(doc: TextDocument, trigger: "open" | "change" | "save" | "settings"): Promise<void> {
    await modelsLoaded;
    const { "vigil.scanOn": scanOn } = await settings.get(doc.uri);
    const current = documents.get(doc.uri);
    if (!current) return; // closed while settings were read
    if (scanOn === "off") {
      if (trigger === "settings") store.clear(documentPath(doc.uri), doc.uri);
      return;
    }
    if (trigger === "change" && (scanOn !== "type" || analysedVersion.get(doc.uri) === current.version)) return;
    diagnoseNow(current);
    // A saved file may have gained or lost what an open model accepts: re-judge its staleness.
    const file = documentPath(doc.uri);
    if (trigger !== "save" || isThreatModelFile(file)) return;
    for (const m of documents.all()) if (isThreatModelFile(documentPath(m.uri)) && threatModels.get(documentPath(m.uri)) === threatModels.modelFor(file)) diagnoseNow(m);
  }

  function rediagnoseAll(under?: string): void {
    for (const doc of documents.all()) {
      if (under === undefined || isUnder(under, documentPath(doc.uri))) void guard("re-diagnose", undefined, () => diagnose(doc, "settings"))();
    }
  }

  /** Takes a threat model's new text (undefined: read it from disk) and re-diagnoses what it covers. */
  function modelChanged(file: string, text?: string): void {
    const scope = threatModels.update(file, text);
    if (scope) rediagnoseAll(scope);
  }

  /** (Re-)reads the threat models of folders from disk; open model buffers keep their edited text. */
  function loadModels(roots: readonly string[]): Promise<unknown> {
    const openText = (file: string) => documents.get(fileUri(file))?.getText();
    return threatModels.loadFolders(roots, (f) => folders.folderConfig(f).settings.exclude, openText, log);
  }

  /** Config files with published problems, so a fixed one is cleared and a clean one left alone. */
  const flaggedConfigs = new Set<string>();
  function publishConfigProblems(config: FolderConfig): void {
    if (!config.diagnostics.length && !flaggedConfigs.delete(config.configFile)) return;
    if (config.diagnostics.length) flaggedConfigs.add(config.configFile);
    connection.sendDiagnostics({ uri: fileUri(config.configFile), diagnostics: config.diagnostics }).catch(() => undefined);
  }

  /** Re-reads one folder's vigil.config.json, publishes its problems and re-diagnoses open files. */
  function reloadConfig(folder: string, text?: string): void {
    const before = folders.loaded(folder)?.key;
    const config = folders.load(folder, text);
    publishConfigProblems(config);
    if (config.key === before) return;
    completedFolders.delete(folder);
    trace(`settings of ${folder}: ${config.key}`);
    rediagnoseAll();
  }

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      const options = (params.initializationOptions ?? {}) as InitializationOptions;
      folders = new Folders(options.trusted !== false);
      clientAsksReason = !!options.clientCommands?.includes(IGNORE_FINDING_COMMAND);
      clientAcceptsRisk = !!options.clientCommands?.includes(ACCEPT_RISK_COMMAND);
      const fixedNow = options.now === undefined ? undefined : new Date(options.now);
      if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new Error(`initializationOptions.now is not a date: ${options.now}`);
      threatModels = new ThreatModels(fixedNow ? () => fixedNow : () => new Date(), options.trusted !== false);
      const caps = params.capabilities;
      const workspaceEdit = caps.workspace?.workspaceEdit;
      canCreateFiles = !!workspaceEdit?.documentChanges && !!workspaceEdit.resourceOperations?.includes("create");
      canPullSettings = !!caps.workspace?.configuration;
      canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      canShowDocument = !!caps.window?.showDocument?.support;
      hasFolderEvents = !!caps.workspace?.workspaceFolders;
      const roots = params.workspaceFolders?.map((f) => documentPath(f.uri)) ?? (params.rootUri ? [documentPath(params.rootUri)] : []);
      folders.set(roots);
      modelsLoaded = loadModels(folders.list());
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
    },
  );

  connection.onInitialized(
    guard("initialized", undefined, async () => {
      if (canPullSettings) await connection.client.register(DidChangeConfigurationNotification.type, { section: "vigil" });
      if (canWatchFiles) {
        const watchers = [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: "**/{threatmodel,.threatmodel}.{yaml,yml}" }];
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      }
      if (hasFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard("workspace folders", undefined, (e) => {
            const removed = new Set(e.removed.map((f) => documentPath(f.uri)));
            folders.set([...folders.list().filter((f) => !removed.has(f)), ...e.added.map((f) => documentPath(f.uri))]);
            for (const f of e.added) reloadConfig(documentPath(f.uri));
            const added = e.added.map((f) => documentPath(f.uri));
            modelsLoaded = loadModels(added).then(() => added.forEach((f) => rediagnoseAll(f)));
          }),
        );
      }
      for (const folder of folders.list()) publishConfigProblems(folders.folderConfig(folder));
    }),
  );

  /** A document's text is new: settings and threat models take it first, then it is analysed. */
  async function refresh(document: TextDocument, trigger: "open" | "change" | "save"): Promise<void> {
    const file = documentPath(document.uri);
    if (folders.isConfigFile(file)) return reloadConfig(path.dirname(file), document.getText());
    if (isThreatModelFile(file)) modelChanged(file, document.getText());
    await diagnose(document, trigger);
  }

  documents.onDidOpen(
    guard("didOpen", undefined, ({ document }) => refresh(document, "open")),
  );
  documents.onDidChangeContent(
    guard("didChange", undefined, async ({ document }) => {
      const { "vigil.scanOn": scanOn, "vigil.typeDelay": delay } = await settings.get(document.uri);
      if (scanOn !== "type") return;
      debouncer.schedule(document.uri, delay, () => {
        const doc = documents.get(document.uri);
        if (doc) void guard("debounced analysis", undefined, () => refresh(doc, "change"))();
      });
    }),
  );
  documents.onDidSave(
    guard("didSave", undefined, async ({ document }) => {
      debouncer.cancel(document.uri);
      await refresh(document, "save");
    }),
  );
  documents.onDidClose(
    guard("didClose", undefined, async ({ document }) => {
      debouncer.cancel(document.uri);
      analyzer.forget(document.uri);
      analysedVersion.delete(document.uri);
      settings.forget(document.uri);
      const file = documentPath(document.uri);
      if (folders.isConfigFile(file)) return reloadConfig(path.dirname(file));
      if (isThreatModelFile(file)) modelChanged(file);
      const folder = folders.folderOf(file);
      // A scanned folder keeps every file's diagnostics: show the file as it is on disk again.
      const size = folder && completedFolders.has(folder) && store.has(file) ? await fs.stat(file).then((st) => st.size, () => -1) : -1;
      if (size >= 0) {
        const context = { settings: folders.configFor(file).settings, threatModels: modelsFor(file).context };
        store.publish(file, document.uri, await analyzePath(file, size, context), null);
      } else {
        store.clear(file, document.uri);
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard("didChangeConfiguration", undefined, (params) => {
      settings.reset(params.settings);
      rediagnoseAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard("didChangeWatchedFiles", undefined, (params) => {
      for (const change of params.changes) {
        const file = documentPath(change.uri);
        if (documents.get(change.uri)) continue; // the editor's text wins over the disk
        if (folders.isConfigFile(file)) reloadConfig(path.dirname(file));
        if (isThreatModelFile(file)) modelChanged(file);
      }
    }),
  );

  connection.onCodeAction(
    guard("codeAction", [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const threatModelActionsFor = (d: TextDocument, diagnostic: Diagnostic, fingerprint: string) =>
        threatModelActions(diagnostic, findingOf(d, fingerprint), d.uri, threatEditEnv());
      return codeActions(params, doc, { currentFindings, clientAsksReason, threatModelActions: threatModelActionsFor });
    }),
  );

  connection.onHover(
    guard("hover", null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? hoverFor(currentFindings(doc), params.position) : null;
    }),
  );

  function currentFindings(doc: TextDocument): Finding[] {
    if (!isAnalysableDocument(doc)) return [];
    const file = documentPath(doc.uri);
    return analyzer.analyse(doc, folders.configFor(file), modelsFor(file)).findings;
  }

  function findingOf(doc: TextDocument, fingerprint: string): Finding | undefined {
    return currentFindings(doc).find((f) => f.fingerprint === fingerprint);
  }

  function threatEditEnv(): ThreatEditEnv {
    const openText = (file: string) => documents.get(fileUri(file))?.getText();
    return { models: threatModels, openText, canCreateFiles, clientAcceptsRisk };
  }

  /** The workspace folder a request names, or the first one. */
  function requestedFolder(uri: string | undefined): string {
    const folder = uri ? documentPath(uri) : folders.list()[0];
    if (!folder || !folders.list().includes(folder)) throw new Error(`not a workspace folder: ${uri ?? "(none open)"}`);
    return folder;
  }

  connection.onExecuteCommand(
    guard("executeCommand", undefined, async (params) => {
      if (params.command !== SHOW_DOCUMENTATION_COMMAND) return;
      const url = params.arguments?.[0];
      // Only our own documentation: a command argument must never open arbitrary URLs.
      if (typeof url !== "string" || !url.startsWith(DOCS_BASE_URL)) throw new Error(`not a Vigil documentation URL: ${String(url)}`);
      if (canShowDocument) await connection.window.showDocument({ uri: url, external: true });
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
    ready: () => modelsLoaded,
    models: () => threatModels,
    store,
    folder: requestedFolder,
    settings: (folder) => folders.folderConfig(folder).settings,
    scanned: (folder) => completedFolders.has(folder),
    finding: (uri, fingerprint) => {
      const doc = documents.get(uri);
      return doc && findingOf(doc, fingerprint);
    },
    editEnv: threatEditEnv,
  });

  connection.onRequest(
    ScanWorkspaceRequest,
    guard("vigil/scanWorkspace", RETHROW, async (params, token): Promise<ScanWorkspaceResult> => {
      // One scan at a time: a new request supersedes the running one.
      if (runningScan) {
        runningScan.abort.abort();
        await runningScan.done;
      }
      const wanted = params.folders?.map(documentPath);
      const roots = folders.list().filter((f) => !wanted || wanted.includes(f));
      await (modelsLoaded = loadModels(roots));
      const progress = await connection.window.createWorkDoneProgress();
      const deps = {
        folders,
        store,
        completed: completedFolders,
        openDocuments: () => openDocumentsByPath(documents.all()),
        diagnoseOpen: diagnoseNow,
        threatModels: (root: string) => threatModels.context({ findings: [], covers: (f: string) => isUnder(root, f) }),
      };
      const abort = new AbortController();
      const done = scanWorkspace(roots, deps, progress, token, abort);
      const scan = { abort, done: done.catch(() => undefined) };
      runningScan = scan;
      try {
        const result = await done;
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "workspace scan cancelled");
        log(`Workspace scan: ${result.filesScanned} files in ${result.durationMs} ms${result.cancelled ? " (cancelled)" : ""}`);
        // Open threat models now judge staleness against every file of the scanned folders.
        for (const doc of documents.all()) if (isThreatModelFile(documentPath(doc.uri))) diagnoseNow(doc);
        return result;
      } finally {
        if (runningScan === scan) runningScan = undefined;
      }
    }),
  );

  connection.onRequest(
    ExportSarifRequest,
    guard("vigil/exportSarif", RETHROW, (params) => {
      const folder = requestedFolder(params.folder);
      return exportSarif(folder, store, folders.folderConfig(folder).settings, completedFolders.has(folder));
    }),
  );

  connection.onShutdown(
    guard("shutdown", undefined, () => {
      debouncer.cancelAll();
      runningScan?.abort.abort();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
