import type { DocumentDiagnostics } from "./document-diagnostics";
import type { FolderConfig } from "./folders";
import type { ServerState } from "./server-state";
import { fileUri } from "./uri";

/**
 * The workspace's vigil.config.json files and threat models: read at start, re-read when they
 * change (in the editor or on disk), and the open documents they affect re-diagnosed.
 */
export class WorkspaceConfig {
  /** Config files with published problems, so a fixed one is cleared and a clean one left alone. */
  private readonly flaggedConfigs = new Set<string>();

  constructor(
    private readonly state: ServerState,
    private readonly diagnostics: DocumentDiagnostics,
  ) {}

  /** (Re-)reads the threat models of folders from disk; open model buffers keep their edited text. */
  loadModels(roots: readonly string[]): Promise<unknown> {
    const { state } = this;
    const openText = (file: string) => state.documents.get(fileUri(file))?.getText();
    return state.threatModels.loadFolders(roots, (f) => state.folders.folderConfig(f).settings.exclude, openText, state.log);
  }

  /** Starts reading the folders' models; `then` runs once they are read. Analyses wait for them (see DocumentDiagnostics). */
  startLoadingModels(roots: readonly string[], then?: () => void): Promise<unknown> {
    const { state } = this;
    const load = this.loadModels(roots).then(then);
    state.modelsLoaded = load;
    state.modelsPending = true;
    void load.finally(() => {
      if (state.modelsLoaded === load) state.modelsPending = false;
    });
    return load;
  }

  /** Takes a threat model's new text (undefined: read it from disk) and re-diagnoses what it covers. */
  modelChanged(file: string, text?: string): void {
    const scope = this.state.threatModels.update(file, text);
    if (scope) this.diagnostics.rediagnoseAll(scope);
  }

  publishConfigProblems(config: FolderConfig): void {
    if (!config.diagnostics.length && !this.flaggedConfigs.delete(config.configFile)) return;
    if (config.diagnostics.length) this.flaggedConfigs.add(config.configFile);
    this.state.connection.sendDiagnostics({ uri: fileUri(config.configFile), diagnostics: config.diagnostics }).catch(() => undefined);
  }

  /** Re-reads one folder's vigil.config.json, publishes its problems and re-diagnoses open files. */
  reloadConfig(folder: string, text?: string): void {
    const { folders, completedFolders } = this.state;
    const before = folders.loaded(folder)?.key;
    const config = folders.load(folder, text);
    this.publishConfigProblems(config);
    if (config.key === before) return;
    completedFolders.delete(folder);
    this.state.trace(`settings of ${folder}: ${config.key}`);
    this.diagnostics.rediagnoseAll();
  }
}
