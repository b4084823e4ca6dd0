import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding } from "../engine/finding";
import { isThreatModelFile } from "../engine/threatmodel/model";
import { JS_LANGUAGES } from "../engine/language";
import { Debouncer, DocumentAnalyzer, documentLanguage, isAnalysableDocument, type DocumentThreatModels } from "./document-analysis";
import { noteDocumentAnalysed } from "./prewarm";
import type { Guard, ServerState } from "./server-state";
import { isUnder } from "./threat-models";
import { documentPath, fileUri } from "./uri";
import { openDocumentsByPath } from "./workspace-scan";

export type Trigger = "open" | "change" | "save" | "settings";

/** Diagnostics of open documents: when to analyse (scanOn, debounce) and publishing the result. */
export class DocumentDiagnostics {
  private readonly analyzer = new DocumentAnalyzer();
  readonly debouncer = new Debouncer();
  /** Version last analysed per open document, so a debounced run after open or save is skipped. */
  private readonly analysedVersion = new Map<string, number>();
  /** Diagnoses started and not finished, and who waits for there to be none. */
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly state: ServerState,
    private readonly guard: Guard,
  ) {}

  /** Analyses an open document now (cached when unchanged) and publishes; returns its findings. */
  diagnoseNow(doc: TextDocument): Finding[] {
    if (!isAnalysableDocument(doc)) return [];
    const file = documentPath(doc.uri);
    const started = performance.now();
    const { findings, cached } = this.analyzer.analyse(doc, this.state.folders.configFor(file), this.modelsFor(file));
    this.analysedVersion.set(doc.uri, doc.version);
    const ms = (performance.now() - started).toFixed(1);
    this.state.trace(`${cached ? "unchanged, not re-analysed" : "analysed"}: ${doc.uri} v${doc.version} (${findings.length} findings, ${ms} ms)`);
    this.state.store.publish(file, doc.uri, findings, doc.version);
    const language = documentLanguage(doc);
    if (language && JS_LANGUAGES.includes(language)) noteDocumentAnalysed();
    return findings;
  }

  /** Findings of the document's current text, from the content-hash cache when unchanged. */
  currentFindings(doc: TextDocument): Finding[] {
    if (!isAnalysableDocument(doc)) return [];
    const file = documentPath(doc.uri);
    return this.analyzer.analyse(doc, this.state.folders.configFor(file), this.modelsFor(file)).findings;
  }

  findingOf(doc: TextDocument, fingerprint: string): Finding | undefined {
    return this.currentFindings(doc).find((f) => f.fingerprint === fingerprint);
  }

  modelsFor(file: string): DocumentThreatModels {
    const { folders, store, documents, completedFolders } = this.state;
    const findings = () => folders.list().flatMap((folder) => store.findingsUnder(folder));
    return this.state.threatModels.forFile(file, { openFiles: new Set(openDocumentsByPath(documents.all()).keys()), scannedFolders: completedFolders, findings });
  }

  /** Resolves once no document is waiting to be diagnosed. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async diagnose(doc: TextDocument, trigger: Trigger): Promise<void> {
    this.pending++;
    try {
      await this.diagnoseWhenReady(doc, trigger);
    } finally {
      if (--this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * Waits until the threat models that can cover the file are known: while the workspace's models
   * are still being found (a walk of every folder), those on the file's own path are read ahead.
   */
  private modelsReadyFor(file: string): Promise<unknown> {
    const { state } = this;
    if (!state.modelsPending || !state.folders.folderOf(file)) return state.modelsLoaded;
    const openText = (f: string) => state.documents.get(fileUri(f))?.getText();
    return Promise.race([state.modelsLoaded, state.threatModels.loadCovering(file, openText)]);
  }

  private async diagnoseWhenReady(doc: TextDocument, trigger: Trigger): Promise<void> {
    const { state } = this;
    // The client is asked for the settings while the models are read.
    const [, { "vigil.scanOn": scanOn }] = await Promise.all([this.modelsReadyFor(documentPath(doc.uri)), state.editorSettings.get(doc.uri)]);
    const current = state.documents.get(doc.uri);
    if (!current) return; // closed while settings were read
    if (scanOn === "off") {
      if (trigger === "settings") state.store.clear(documentPath(doc.uri), doc.uri);
      return;
    }
    if (trigger === "change" && (scanOn !== "type" || this.analysedVersion.get(doc.uri) === current.version)) return;
    this.diagnoseNow(current);
    // A saved file may have gained or lost what an open model accepts: re-judge its staleness.
    const file = documentPath(doc.uri);
    if (trigger !== "save" || isThreatModelFile(file)) return;
    const model = state.threatModels.modelFor(file);
    if (!model) return;
    for (const m of state.documents.all()) if (isThreatModelFile(documentPath(m.uri)) && state.threatModels.get(documentPath(m.uri)) === model) this.diagnoseNow(m);
  }

  /** Re-diagnoses every open document (under a folder, when given), e.g. after settings change. */
  rediagnoseAll(under?: string): void {
    for (const doc of this.state.documents.all()) {
      if (under === undefined || isUnder(under, documentPath(doc.uri))) void this.guard("re-diagnose", undefined, () => this.diagnose(doc, "settings"))();
    }
  }

  /** The document was closed: nothing pending or cached for it stays. */
  forget(uri: string): void {
    this.debouncer.cancel(uri);
    this.analyzer.forget(uri);
    this.analysedVersion.delete(uri);
    this.state.editorSettings.forget(uri);
  }
}
