import type { Connection } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { EditorSettingsCache } from "./editor-settings";
import { FindingsStore } from "./findings-store";
import { Folders } from "./folders";
import { LSPErrorCodes, ResponseError, TextDocuments } from "./languageserver";
import { ThreatModels } from "./threat-models";

/** What the client said it can do in `initialize`. */
export interface ClientFeatures {
  /** It asks the user for a suppression reason itself (implements IGNORE_FINDING_COMMAND). */
  asksReason: boolean;
  /** It implements ACCEPT_RISK_COMMAND. */
  acceptsRisk: boolean;
  canCreateFiles: boolean;
  canPullSettings: boolean;
  canWatchFiles: boolean;
  canShowDocument: boolean;
  hasFolderEvents: boolean;
}

/**
 * What the server knows, shared by the modules that handle its events. `initialize` replaces
 * `folders`, `threatModels` and `client`, so handlers read them through this object each time.
 */
export interface ServerState {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly store: FindingsStore;
  readonly editorSettings: EditorSettingsCache;
  /** Folders whose every file has been scanned (SARIF export, stale acceptances). */
  readonly completedFolders: Set<string>;
  folders: Folders;
  threatModels: ThreatModels;
  /** Settles once every folder's threat models are read: analysis waits for it, so findings link from the start. */
  modelsLoaded: Promise<unknown>;
  /** True while `modelsLoaded` has not settled. */
  modelsPending: boolean;
  client: ClientFeatures;
  /** False in VS Code's restricted mode: built-in rules only, and nothing from the workspace is trusted. */
  trusted: boolean;
  /** The client's private storage for this workspace (the scan cache lives there); none: no cache. */
  storageFolder: string | undefined;
  log(message: string): void;
  trace(message: string): void;
}

export function createServerState(connection: Connection): ServerState {
  const client: ClientFeatures = {
    asksReason: false,
    acceptsRisk: false,
    canCreateFiles: false,
    canPullSettings: false,
    canWatchFiles: false,
    canShowDocument: false,
    hasFolderEvents: false,
  };
  const state: ServerState = {
    connection,
    documents: new TextDocuments(TextDocument),
    store: new FindingsStore(connection),
    editorSettings: new EditorSettingsCache(connection, () => state.client.canPullSettings, (m) => state.log(m)),
    completedFolders: new Set(),
    folders: new Folders(true),
    threatModels: new ThreatModels(() => new Date()),
    modelsLoaded: Promise.resolve(),
    modelsPending: false,
    client,
    trusted: true,
    storageFolder: undefined,
    log: (message) => connection.console.log(message),
    trace: (message) => connection.tracer.log(message),
  };
  return state;
}

export const RETHROW = Symbol("rethrow");

export type Guard = <A extends unknown[], R>(name: string, fallback: R | typeof RETHROW, handler: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

/** Wraps handlers so each logs its own errors; notifications then carry on, requests answer with the error. */
export function guardFor(connection: Connection): Guard {
  return (name, fallback, handler) =>
    async (...args) => {
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
