import { readFileSync } from "node:fs";
import * as path from "node:path";
import { enumerateFiles } from "../engine/files";
import type { Finding } from "../engine/finding";
import { isThreatModelFile, modelScope, type ThreatModel } from "../engine/threatmodel/model";
import { parseThreatModel } from "../engine/threatmodel/parse";
import { loadThreatModels, modelFor, type ThreatModelContext } from "../engine/threatmodel/scope";
import type { DocumentThreatModels } from "./document-analysis";

/** What the server knows of the project's findings, for telling stale acceptances. */
export interface KnownFindings {
  /** Paths of open documents: their findings are current. */
  openFiles: ReadonlySet<string>;
  /** Folders scanned whole: every file's findings are known. */
  scannedFolders: ReadonlySet<string>;
  findings(): Finding[];
}

/**
 * The threat models the server analyses open documents against: every model in and above each
 * workspace folder, read from disk, with open model buffers (possibly unsaved) taking the place of
 * their files. `key` changes whenever any model does, so cached analyses are redone.
 */
export class ThreatModels {
  private readonly byFile = new Map<string, ThreatModel>();
  private generation = 0;
  /** Models read ahead for single files (loadCovering), as they were read. */
  private readonly readAhead = new Map<string, string>();

  /**
   * `clock` is fixed by tests (initializationOptions.now); the real clock otherwise. In an untrusted
   * workspace acceptances suppress nothing, so a cloned repository cannot accept away its findings.
   */
  constructor(
    private readonly clock: () => Date,
    private readonly honourAcceptances = true,
  ) {}

  now(): Date {
    return this.clock();
  }

  /** Reads the models of folders from disk; a failure is logged and leaves the models as they were. */
  loadFolders(folders: readonly string[], excludeOf: (folder: string) => string[], openModel: (file: string) => string | undefined, log: (message: string) => void): Promise<unknown> {
    const load = Promise.all(folders.map((f) => this.loadFolder(f, excludeOf(f), openModel)));
    return load.catch((err: unknown) => log(`Reading threat models failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Reads the models of a folder from disk (those in its tree and in the folders above it). */
  private async loadFolder(folder: string, exclude: string[], openModel: (file: string) => string | undefined): Promise<void> {
    const inTree: string[] = [];
    for await (const e of enumerateFiles(folder, { exclude })) if (e.kind === "file" && isThreatModelFile(e.path)) inTree.push(e.path);
    const loaded = await loadThreatModels([folder], inTree);
    for (const file of [...this.byFile.keys()]) if (isUnder(folder, file) && !loaded.some((m) => m.file === file)) this.byFile.delete(file);
    for (const model of loaded) {
      const text = openModel(model.file);
      this.byFile.set(model.file, text === undefined ? model : parseThreatModel(text, model.file).model);
    }
    this.generation++;
  }

  /**
   * Reads the models that can cover `file` (in its folder and the folders above it) and are not
   * known yet: the file can then be analysed before every model of the workspace has been found.
   */
  async loadCovering(file: string, openModel: (file: string) => string | undefined): Promise<void> {
    let added = false;
    for (const found of await loadThreatModels([path.dirname(file)], [])) {
      if (this.byFile.has(found.file)) continue;
      const text = openModel(found.file);
      const model = text === undefined ? found : parseThreatModel(text, found.file).model;
      this.byFile.set(model.file, model);
      this.readAhead.set(model.file, JSON.stringify(model));
      added = true;
    }
    if (added) this.generation++;
  }

  /** Once the workspace's models are read: true when one read ahead turned out otherwise (edited meanwhile, or excluded). */
  readAheadChanged(): boolean {
    const changed = [...this.readAhead].some(([file, json]) => JSON.stringify(this.byFile.get(file)) !== json);
    this.readAhead.clear();
    return changed;
  }

  /**
   * Takes a model file's current text (an open buffer; undefined: read from disk, absent if deleted).
   * Returns the folder the change affects when the model's content changed, else undefined.
   */
  update(file: string, text?: string): string | undefined {
    text ??= readOrUndefined(file);
    const before = this.byFile.get(file);
    if (text === undefined) {
      if (!before) return undefined;
      this.byFile.delete(file);
    } else {
      const model = parseThreatModel(text.replace(/^\uFEFF/, ""), file).model;
      if (before && sameModel(before, model)) return undefined;
      this.byFile.set(file, model);
    }
    this.generation++;
    return path.dirname(file);
  }

  all(): ThreatModel[] {
    return [...this.byFile.values()];
  }

  get(file: string): ThreatModel | undefined {
    return this.byFile.get(file);
  }

  /** The model covering `file`, nearest first. */
  modelFor(file: string): ThreatModel | undefined {
    return modelFor(this.all(), file);
  }

  /** Models whose scope holds the folder or lies inside it. */
  relevantTo(folder: string): ThreatModel[] {
    return this.all().filter((m) => isUnder(modelScope(m), folder) || isUnder(folder, m.file));
  }

  /** Part of the analysis cache key: the models and the day they are judged on. */
  key(): string {
    return `${this.generation}@${this.now().toISOString().slice(0, 10)}`;
  }

  /**
   * The models a file is judged against. A model file also gets the findings known so far, to
   * report stale acceptances (of open files, and of every file of a scanned folder).
   */
  forFile(file: string, known: KnownFindings): DocumentThreatModels {
    if (!isThreatModelFile(file)) return { context: this.context(), key: this.key() };
    const covers = (f: string) => known.openFiles.has(f) || [...known.scannedFolders].some((folder) => isUnder(folder, f));
    const findings = known.findings().filter((f) => covers(f.path));
    const facts = [...known.openFiles].sort().join(",") + ":" + findings.map((f) => f.fingerprint).sort().join(",");
    return { context: this.context({ findings, covers }), key: `${this.key()}:${facts}` };
  }

  context(project?: { findings: Finding[]; covers(file: string): boolean }): ThreatModelContext {
    const models = this.honourAcceptances ? this.all() : this.all().map((m) => ({ ...m, accepted: [] }));
    return { models, now: this.now(), ...(project ? { project } : {}) };
  }
}

/** True when `file` is `dir` or inside it. */
export function isUnder(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // deleted: the model no longer applies
  }
}

function sameModel(a: ThreatModel, b: ThreatModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
