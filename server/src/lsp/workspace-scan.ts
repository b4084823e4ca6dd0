import * as path from "node:path";
import type { CancellationToken, WorkDoneProgressServerReporter } from "vscode-languageserver";
import { LSPErrorCodes, ResponseError } from "./languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { activeFindings, countBySeverity } from "../engine/report/model";
import { scanProject } from "../engine/scan";
import type { Finding } from "../engine/finding";
import { isThreatModelFile } from "../engine/threatmodel/model";
import type { ThreatModelContext } from "../engine/threatmodel/scope";
import type { DocumentDiagnostics } from "./document-diagnostics";
import type { Folders } from "./folders";
import type { FindingsStore } from "./findings-store";
import { ScanWorkspaceRequest, type ScanWorkspaceResult } from "./protocol";
import { RETHROW, type Guard, type ServerState } from "./server-state";
import { isUnder } from "./threat-models";
import { documentPath, fileUri } from "./uri";
import type { WorkspaceConfig } from "./workspace-config";

export interface ScanDeps {
  folders: Folders;
  store: FindingsStore;
  /** Open documents by path: their findings come from the editor's text, not the disk. */
  openDocuments(): Map<string, TextDocument>;
  /** Analyses an open document (cached when unchanged) and publishes it. */
  diagnoseOpen(doc: TextDocument): Finding[];
  /** The threat models a scan of `root` judges files against; the scan fills its `project`. */
  threatModels(root: string): ThreatModelContext;
  /** Folders whose every file has been scanned, for SARIF export. */
  completed: Set<string>;
  /** Where the scan keeps unchanged files' results between scans; none: every file is analysed. */
  cacheDir?: string;
  /** Problems of the scan machinery (a damaged cache, a failed worker thread). */
  log(message: string): void;
}

const REPORT_EVERY_MS = 100;

/**
 * Runs the engine over the given workspace folders, streaming results into diagnostics. Files that
 * had findings before and have none now are cleared, unless the scan was cancelled (then what is
 * published stays: it is still the best knowledge there is).
 */
export async function scanWorkspace(
  roots: readonly string[],
  deps: ScanDeps,
  progress: WorkDoneProgressServerReporter,
  token: CancellationToken,
  abort: AbortController,
): Promise<ScanWorkspaceResult> {
  const started = Date.now();
  const stop = () => abort.abort();
  const subscriptions = [token.onCancellationRequested(stop), progress.token.onCancellationRequested(stop)];
  const open = deps.openDocuments();
  const findings: Finding[] = [];
  let filesScanned = 0;
  let filesWithFindings = 0;
  progress.begin("Vigil: scanning workspace", 0, "finding files…", true);
  deps.store.setScanning(true);
  try {
    for (const [i, root] of roots.entries()) {
      const seen = new Set<string>();
      let lastReport = 0;
      const settings = deps.folders.folderConfig(root).settings;
      const files = scanProject([root], {
        settings,
        threatModels: deps.threatModels(root),
        signal: abort.signal,
        // Large folders are analysed on worker threads (scanProject decides how many).
        cacheDir: deps.cacheDir,
        log: deps.log,
        onProgress(done, total) {
          filesScanned++;
          const now = Date.now();
          if (now - lastReport < REPORT_EVERY_MS && done !== total) return;
          lastReport = now;
          const percentage = Math.floor(((i + done / Math.max(total, 1)) / roots.length) * 100);
          const where = roots.length > 1 ? `${path.basename(root)}: ` : "";
          progress.report(percentage, `${where}${done}/${total} files`);
        },
      });
      for await (const result of files) {
        seen.add(result.path);
        const doc = open.get(result.path);
        const current = doc ? deps.diagnoseOpen(doc) : result.findings;
        if (!doc) deps.store.publish(result.path, fileUri(result.path), result.findings, null);
        if (current.length) filesWithFindings++;
        findings.push(...current);
      }
      if (abort.signal.aborted) break;
      for (const file of deps.store.filesUnder(root)) {
        if (!seen.has(file) && !open.has(file)) deps.store.clear(file);
      }
      // Open documents the scan found clean on disk still count with their edited text.
      for (const [file, doc] of open) {
        if (seen.has(file) || deps.folders.folderOf(file) !== root) continue;
        const current = deps.diagnoseOpen(doc);
        if (current.length) filesWithFindings++;
        findings.push(...current);
      }
      deps.completed.add(root);
    }
  } finally {
    for (const s of subscriptions) s.dispose();
    progress.done();
    deps.store.setScanning(false);
  }
  return {
    counts: countBySeverity(activeFindings(findings)),
    filesScanned,
    filesWithFindings,
    cancelled: abort.signal.aborted,
    durationMs: Date.now() - started,
  };
}

export function openDocumentsByPath(docs: readonly TextDocument[]): Map<string, TextDocument> {
  return new Map(docs.map((d) => [documentPath(d.uri), d]));
}

/**
 * The scan cache's folder inside the client's storage. Restricted mode keeps a cache of its own, so
 * results judged under one trust level are never served under the other. The cache holds results
 * only: nothing in it is ever run, and no workspace file can point Vigil at another cache.
 */
export function scanCacheDir(storageFolder: string | undefined, trusted: boolean): string | undefined {
  return storageFolder && path.join(storageFolder, "scan-cache", trusted ? "trusted" : "restricted");
}

/** `vigil/scanWorkspace`: one scan at a time, a new request supersedes the running one. */
export function registerWorkspaceScan(state: ServerState, guard: Guard, diagnostics: DocumentDiagnostics, config: WorkspaceConfig): { stop(): void } {
  let running: { abort: AbortController; done: Promise<unknown> } | undefined;
  state.connection.onRequest(
    ScanWorkspaceRequest,
    guard("vigil/scanWorkspace", RETHROW, async (params, token): Promise<ScanWorkspaceResult> => {
      if (running) {
        running.abort.abort();
        await running.done;
      }
      const wanted = params.folders?.map(documentPath);
      const roots = state.folders.list().filter((f) => !wanted || wanted.includes(f));
      // A client that watches files keeps the models current; others get them re-read from disk first.
      await (state.client.canWatchFiles ? state.modelsLoaded : config.startLoadingModels(roots));
      const progress = await state.connection.window.createWorkDoneProgress();
      const deps: ScanDeps = {
        folders: state.folders,
        store: state.store,
        completed: state.completedFolders,
        openDocuments: () => openDocumentsByPath(state.documents.all()),
        diagnoseOpen: (doc) => diagnostics.diagnoseNow(doc),
        threatModels: (root) => state.threatModels.context({ findings: [], covers: (f: string) => isUnder(root, f) }),
        cacheDir: scanCacheDir(state.storageFolder, state.trusted),
        log: state.log,
      };
      const abort = new AbortController();
      const done = scanWorkspace(roots, deps, progress, token, abort);
      const scan = { abort, done: done.catch(() => undefined) };
      running = scan;
      try {
        const result = await done;
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "workspace scan cancelled");
        state.log(`Workspace scan: ${result.filesScanned} files in ${result.durationMs} ms${result.cancelled ? " (cancelled)" : ""}`);
        // Open threat models now judge staleness against every file of the scanned folders.
        for (const doc of state.documents.all()) if (isThreatModelFile(documentPath(doc.uri))) diagnostics.diagnoseNow(doc);
        return result;
      } finally {
        if (running === scan) running = undefined;
      }
    }),
  );
  return { stop: () => running?.abort.abort() };
}
