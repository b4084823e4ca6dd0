import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzePath } from "../engine/scan";
import { isThreatModelFile } from "../engine/threatmodel/model";
import type { DocumentDiagnostics } from "./document-diagnostics";
import type { Guard, ServerState } from "./server-state";
import { documentPath } from "./uri";
import type { WorkspaceConfig } from "./workspace-config";

/** Open, change, save and close: settings and threat models take new text first, then it is analysed. */
export function registerDocumentEvents(state: ServerState, guard: Guard, diagnostics: DocumentDiagnostics, config: WorkspaceConfig): void {
  const { documents } = state;

  async function refresh(document: TextDocument, trigger: "open" | "change" | "save"): Promise<void> {
    const file = documentPath(document.uri);
    if (state.folders.isConfigFile(file)) return config.reloadConfig(path.dirname(file), document.getText());
    if (isThreatModelFile(file)) config.modelChanged(file, document.getText());
    await diagnostics.diagnose(document, trigger);
  }

  documents.onDidOpen(guard("didOpen", undefined, ({ document }) => refresh(document, "open")));
  documents.onDidChangeContent(
    guard("didChange", undefined, async ({ document }) => {
      const { "vigil.scanOn": scanOn, "vigil.typeDelay": delay } = await state.editorSettings.get(document.uri);
      if (scanOn !== "type") return;
      diagnostics.debouncer.schedule(document.uri, delay, () => {
        const doc = documents.get(document.uri);
        if (doc) void guard("debounced analysis", undefined, () => refresh(doc, "change"))();
      });
    }),
  );
  documents.onDidSave(
    guard("didSave", undefined, async ({ document }) => {
      diagnostics.debouncer.cancel(document.uri);
      await refresh(document, "save");
    }),
  );
  documents.onDidClose(
    guard("didClose", undefined, async ({ document }) => {
      diagnostics.forget(document.uri);
      const file = documentPath(document.uri);
      if (state.folders.isConfigFile(file)) return config.reloadConfig(path.dirname(file));
      if (isThreatModelFile(file)) config.modelChanged(file);
      const { folders, store, completedFolders } = state;
      const folder = folders.folderOf(file);
      // A scanned folder keeps every file's diagnostics: show the file as it is on disk again.
      const size = folder && completedFolders.has(folder) && store.has(file) ? await fs.stat(file).then((st) => st.size, () => -1) : -1;
      if (size >= 0) {
        const context = { settings: folders.configFor(file).settings, threatModels: diagnostics.modelsFor(file).context };
        store.publish(file, document.uri, await analyzePath(file, size, context), null);
      } else {
        store.clear(file, document.uri);
      }
    }),
  );
}
