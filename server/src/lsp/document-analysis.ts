import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeFile, isAnalysable } from "../engine/analyze";
import type { Finding } from "../engine/finding";
import { LANGUAGES, languageOf, type Language } from "../engine/language";
import type { ThreatModelContext } from "../engine/threatmodel/scope";
import { VERSION } from "../engine/version";
import type { ProjectFacts } from "../engine/analyzer";
import { createProjectFacts } from "../engine/deps/project-facts";
import { keepDocumentTree, releaseDocumentTree } from "../engine/js/native/document-trees";
import type { FolderConfig } from "./folders";
import { documentPath } from "./uri";

/** The threat models a document is judged against, and a key that changes when they do. */
export interface DocumentThreatModels {
  context: ThreatModelContext;
  key: string;
}

export interface DocumentResult {
  findings: Finding[];
  /** True when the content, settings and engine were unchanged, so nothing was re-analysed. */
  cached: boolean;
}

/** The language an open document is analysed as: its editor language when Vigil knows it. */
export function documentLanguage(doc: TextDocument): Language | undefined {
  const id = doc.languageId as Language;
  return LANGUAGES.includes(id) ? id : languageOf(documentPath(doc.uri));
}

export function isAnalysableDocument(doc: TextDocument): boolean {
  const language = documentLanguage(doc);
  return language !== undefined && isAnalysable(documentPath(doc.uri), language);
}

/**
 * Analyses open documents, remembering per document the hash of (engine version, settings,
 * language, path, text) and its findings: re-saving unchanged content costs a hash, not a parse.
 * Changed content is parsed incrementally: the engine keeps each open document's syntax tree
 * until the document is forgotten.
 */
export class DocumentAnalyzer {
  private readonly last = new Map<string, { hash: string; findings: Finding[]; read: Map<string, string | undefined> }>();
  private readonly files = new DiskFiles();

  analyse(doc: TextDocument, config: FolderConfig, threatModels?: DocumentThreatModels): DocumentResult {
    const path = documentPath(doc.uri);
    const language = documentLanguage(doc);
    const text = doc.getText();
    const hash = createHash("sha256")
      .update(`${VERSION}\0${config.key}\0${threatModels?.key ?? ""}\0${language ?? ""}\0${path}\0`)
      .update(text)
      .digest("hex");
    const hit = this.last.get(doc.uri);
    // A hit also needs the other files the last analysis read (imports, lockfiles) unchanged.
    if (hit?.hash === hash && this.unchanged(hit.read)) return { findings: hit.findings, cached: true };
    const project = recordingProjectFacts(this.files);
    keepDocumentTree(path);
    const findings = analyzeFile(
      { path, text, language },
      { settings: config.settings, threatModels: threatModels?.context, project: project.facts },
    );
    this.last.set(doc.uri, { hash, findings, read: project.read });
    return { findings, cached: false };
  }

  forget(uri: string): void {
    this.last.delete(uri);
    releaseDocumentTree(documentPath(uri));
  }

  private unchanged(read: Map<string, string | undefined>): boolean {
    for (const [file, text] of read) if (this.files.read(file) !== text) return false;
    return true;
  }
}

/**
 * The other files analyses read (imported modules, lockfiles), kept between analyses and read again
 * only when their size or modification time changes. Every save of a file asks for the same
 * imports, most of them by paths that do not exist (each extension an import may resolve to): a
 * `stat` that does not throw answers those without the cost of a failed read.
 */
export class DiskFiles {
  private static readonly MAX_FILES = 5_000;
  private readonly byPath = new Map<string, { mtimeMs: number; size: number; text: string }>();

  read(file: string): string | undefined {
    let stats;
    try {
      stats = statSync(file, { throwIfNoEntry: false });
    } catch {
      stats = undefined; // not a path this system can stat
    }
    if (!stats?.isFile()) {
      this.byPath.delete(file);
      return undefined;
    }
    const known = this.byPath.get(file);
    if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.text;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    if (this.byPath.size >= DiskFiles.MAX_FILES) this.byPath.clear();
    this.byPath.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, text });
    return text;
  }
}

/**
 * Project facts for one analysis (cross-file taint summaries, the dependency check's manifest and
 * lockfile), remembering the text of every file read so a later cache hit can be checked against disk.
 */
export function recordingProjectFacts(files: DiskFiles): { facts: ProjectFacts; read: Map<string, string | undefined> } {
  const inner = createProjectFacts();
  const read = new Map<string, string | undefined>();
  const facts: ProjectFacts = {
    readFile(file) {
      if (read.has(file)) return read.get(file);
      const text = files.read(file);
      read.set(file, text);
      return text;
    },
    importsOf: (root, name) => inner.importsOf(root, name),
  };
  return { facts, read };
}

/**
 * Per-document debounce for scanOn "type": a new keystroke replaces the pending run, so only the
 * latest text is analysed; a save or close cancels what is pending.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(uri: string, delayMs: number, run: () => void): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        run();
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  cancelAll(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }
}
