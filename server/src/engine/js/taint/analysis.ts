import ts from "../typescript";
import { treeOf } from "../native/parse";
import { createHash } from "node:crypto";
import type { Fix } from "../../finding";
import { LineIndex } from "../../text";
import type { FileRef, Flow, Taint } from "./flow";
import { Env, Scope, hoist, type Binding, type FunctionRef } from "./scope";
import { runStatements, declareImports } from "./statements";
import { summaryOf } from "./functions";
import type { ModuleHost } from "./modules";

/** Where a flow ends: the sink expression, and what a flow needs to be dangerous there. */
export interface Sink {
  kind: string;
  start: number;
  end: number;
  file: FileRef;
  /** Only flows that may be objects (query-operator injection). */
  needsObject?: boolean;
  /** Only flows whose URL has no fixed scheme and host before them. */
  needsOpenPrefix?: boolean;
  /** Only flows built with HTML markup. */
  needsHtml?: boolean;
  /** The call in the analysed file where the flow left for another file's sink. */
  anchor?: { start: number; end: number; file: FileRef; callee: string };
  fixes?: () => Fix[];
}

export interface Hit {
  flow: Flow;
  sink: Sink;
}

/** What a function does with its parameters: which reach sinks, which reach its return value. */
export interface Summary {
  returns: Flow[];
  sinks: { index: number; flow: Flow; sink: Sink }[];
}

export interface FunctionState {
  returns: Flow[];
  /** Set while summarising: flows from parameters are recorded instead of reported. */
  summary?: Summary;
}

export interface Frame {
  scope: Scope;
  env: Env;
  fn: FunctionState;
}

const hashes = new Map<string, { text: string; hash: string }>();

/**
 * A digest of a file's text, remembered by path: a scan reads the same imported file for many
 * importers, and the same string object compares equal at once.
 */
export function contentHash(text: string, path?: string): string {
  const known = path !== undefined ? hashes.get(path) : undefined;
  if (known && known.text === text) return known.hash;
  const hash = createHash("sha1").update(text).digest("hex");
  if (path !== undefined) {
    if (hashes.size >= 10_000) hashes.clear();
    hashes.set(path, { text, hash });
  }
  return hash;
}

/** One file's analysis: its tree, module scope, exports, function summaries and the flows it found. */
export class FileAnalysis {
  readonly file: FileRef;
  readonly sf: ts.SourceFile;
  readonly scope = new Scope();
  readonly env = new Env();
  readonly exports = new Map<string, Binding | FunctionRef>();
  readonly pending: FunctionRef[] = [];
  readonly summaries = new WeakMap<ts.Node, Summary>();
  readonly inProgress = new Set<ts.Node>();
  readonly analyzed = new WeakSet<ts.Node>();
  /** Other files this one's summaries were built from, with the content hash they had. */
  readonly deps = new Map<string, string>();
  private readonly hitKeys = new Set<string>();
  readonly hits: Hit[] = [];

  /** `sf`: the file's tree when the rules already parsed it. */
  constructor(readonly text: string, path: string, public host: ModuleHost, lines?: LineIndex, sf?: ts.SourceFile) {
    this.file = { path, lines: lines ?? new LineIndex(text) };
    this.sf = sf ?? treeOf(path, text);
  }

  /**
   * `imported`: the file is analysed for its exports' summaries, which are built when a caller asks;
   * flows inside its own uncalled functions are its own findings, found when it is analysed itself.
   */
  run(imported = false): this {
    const fr: Frame = { scope: this.scope, env: this.env, fn: { returns: [] } };
    declareImports(this, this.sf.statements, fr);
    hoist(this.sf.statements, this.scope, this.env, true);
    runStatements(this, this.sf.statements, fr);
    if (imported) return this;
    // Functions nobody in this file calls (handlers, exports) still hold flows from sources.
    for (let i = 0; i < this.pending.length; i++) {
      const ref = this.pending[i]!;
      if (!this.analyzed.has(ref.node)) summaryOf(this, ref);
    }
    return this;
  }

  textOf(node: ts.Node): string {
    return this.text.slice(node.getStart(this.sf), node.end);
  }

  startOf(node: ts.Node): number {
    return node.getStart(this.sf);
  }

  report(flow: Flow, sink: Sink): void {
    const at = sink.anchor ?? sink;
    const key = `${sink.kind}:${at.file.path}:${at.start}`;
    if (this.hitKeys.has(key)) return;
    this.hitKeys.add(key);
    this.hits.push({ flow, sink });
  }
}

export function isFunctionLiteral(node: ts.Node): node is ts.FunctionExpression | ts.ArrowFunction {
  return ts.isFunctionExpression(node) || ts.isArrowFunction(node);
}

export function childFrame(fr: Frame): Frame {
  return { scope: new Scope(fr.scope), env: new Env(fr.env), fn: fr.fn };
}

export type { Taint };
