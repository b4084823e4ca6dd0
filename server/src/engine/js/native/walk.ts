import ts from "../typescript";
import type { RawFinding } from "../../analyzer";
import type { Fix } from "../../finding";
import type { NativeRule } from "../../rule";
import type { LineIndex } from "../../text";
import type { Deadline } from "../../deadline";
import { AnalysisTimeout } from "../../deadline";
import type { NativeContext, NativeEdit, NativeListener, NativeReport } from "./api";
import { FileScope } from "./scope";
import { linkParents, type ParsedFile } from "./parse";

type Handler = (node: ts.Node) => void;

export interface WalkOutcome {
  findings: RawFinding[];
  failedRules: { rule: NativeRule; error: string }[];
}

const KIND_BY_NAME = ts.SyntaxKind as unknown as Record<string, number>;

/**
 * Runs rules in one depth-first walk of the tree: each node is dispatched to the handlers that
 * listen to its kind. Positions are computed only for findings. A rule that throws is dropped for
 * the rest of the file and reported; the others go on. An unlinked tree gets its parents as the
 * walk reaches each node, so a handler sees those of the node and its ancestors, and all of them
 * once it asks for the scope.
 */
export function walkRules(tree: ParsedFile, lines: LineIndex, rules: readonly NativeRule[], deadline: Deadline): WalkOutcome {
  const out: WalkOutcome = { findings: [], failedRules: [] };
  if (rules.length === 0) return out;
  const sf = tree.sf;
  const failed = new Set<NativeRule>();
  const fail = (rule: NativeRule, err: unknown) => {
    if (err instanceof AnalysisTimeout) throw err;
    if (failed.has(rule)) return;
    failed.add(rule);
    out.failedRules.push({ rule, error: err instanceof Error ? err.message.split("\n")[0]! : String(err) });
  };
  const byKind: (Handler[] | undefined)[] = [];
  const ends: { rule: NativeRule; end: () => void }[] = [];
  const file = new WalkedFile(tree, lines, out.findings);
  for (const rule of rules) {
    const context = new RuleContext(file, rule);
    let listener: NativeListener;
    try {
      listener = rule.create(context);
    } catch (err) {
      fail(rule, err);
      continue;
    }
    for (const [name, fn] of Object.entries(listener)) {
      if (name === "onEnd") {
        ends.push({ rule, end: fn as () => void });
        continue;
      }
      const kind = KIND_BY_NAME[name];
      if (kind === undefined) throw new Error(`rule ${rule.id} listens to unknown node kind ${name}`);
      const handler: Handler = (node) => {
        if (failed.has(rule)) return;
        try {
          (fn as Handler)(node);
        } catch (err) {
          fail(rule, err);
        }
      };
      (byKind[kind] ??= []).push(handler);
    }
  }
  let visited = 0;
  const linking = !tree.linked;
  let parent: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if ((++visited & 1023) === 0) deadline.check();
    if (linking) (node as { parent: ts.Node | undefined }).parent = parent;
    const handlers = byKind[node.kind];
    if (handlers) for (const h of handlers) h(node);
    const saved = parent;
    parent = node;
    ts.forEachChild(node, visit);
    parent = saved;
  };
  visit(sf);
  tree.linked = true;
  for (const { rule, end } of ends) {
    if (failed.has(rule)) continue;
    try {
      end();
    } catch (err) {
      fail(rule, err);
    }
  }
  return out;
}

/** What the rules walking one file share: its tree, the scope worked out once, the findings. */
class WalkedFile {
  private fileScope: FileScope | undefined;
  readonly shared = new Map<object, unknown>();
  constructor(readonly tree: ParsedFile, readonly lines: LineIndex, readonly findings: RawFinding[]) {}

  get scope(): FileScope {
    if (!this.fileScope) {
      linkParents(this.tree); // the scope reads parents the walk has not reached yet
      this.fileScope = new FileScope(this.tree.sf);
    }
    return this.fileScope;
  }
}

/**
 * A rule's view of the file. A class, not an object literal: a literal with a getter gets a hidden
 * class of its own, which V8 keeps in the old generation, and through the getter's closure it held
 * every file's tree past the young collections that would have freed it (copying and promoting
 * about two thirds of all that was allocated).
 */
class RuleContext implements NativeContext {
  readonly path: string;
  readonly file: ts.SourceFile;
  readonly text: string;
  constructor(private readonly walked: WalkedFile, private readonly rule: NativeRule) {
    this.file = walked.tree.sf;
    this.path = this.file.fileName;
    this.text = this.file.text;
  }
  textOf(node: ts.Node): string {
    return this.text.slice(node.getStart(this.file), node.end);
  }
  startOf(node: ts.Node): number {
    return node.getStart(this.file);
  }
  get scope(): FileScope {
    return this.walked.scope;
  }
  shared<T>(key: object, create: () => T): T {
    const shared = this.walked.shared;
    if (!shared.has(key)) shared.set(key, create());
    return shared.get(key) as T;
  }
  report(r: NativeReport): void {
    this.walked.findings.push(toFinding(this.rule, r, this.file, this.walked.lines));
  }
}

function toFinding(rule: NativeRule, r: NativeReport, sf: ts.SourceFile, lines: LineIndex): RawFinding {
  const start = r.node ? r.node.getStart(sf) : (r.start ?? 0);
  const end = r.node ? r.node.end : (r.end ?? start);
  const fixes: Fix[] = [];
  if (r.fix) fixes.push(toFix(rule.fixTitle ?? "Apply the safe fix", r.fix, lines, true));
  for (const s of r.suggest ?? []) fixes.push(toFix(fill(rule.messages[s.messageId], s.data, rule, s.messageId), s.fix, lines, false));
  return { rule, ruleId: rule.id, message: fill(rule.messages[r.messageId], r.data, rule, r.messageId), range: lines.rangeOf(start, end), fixes };
}

function toFix(title: string, fix: NativeEdit | NativeEdit[], lines: LineIndex, isPreferred: boolean): Fix {
  const edits = (Array.isArray(fix) ? fix : [fix]).map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.text }));
  return { title, isPreferred, edits };
}

/** A message with its `{{name}}` placeholders filled, as ESLint rules write them. */
function fill(template: string | undefined, data: Record<string, string> | undefined, rule: NativeRule, id: string): string {
  if (template === undefined) throw new Error(`rule ${rule.id} has no message ${id}`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => data?.[key] ?? m);
}
