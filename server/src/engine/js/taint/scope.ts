import ts from "../typescript";
import type { Taint } from "./flow";
import { CLEAN, union } from "./flow";

export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration
  | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)
    || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

/** A declared name. Bindings are identities: two variables named `id` in different scopes differ. */
export interface Binding {
  readonly name: string;
  /** The function this name holds, with the scope and values it closes over. */
  fn?: FunctionRef;
  /** Imported or required: module specifier and exported name (undefined: the whole module). */
  import?: { module: string; name: string | undefined };
  /** Another name for a callee (`const run = util.promisify(cp.exec)`): its canonical name. */
  alias?: string;
  /** Made by a library (`const pool = new pg.Pool()`): the module it came from. */
  module?: string;
  /** Declared as a function parameter. */
  param?: boolean;
  /** A request-like value: the first parameter of a route handler, or a variable named req/request/ctx. */
  request?: boolean;
  /** Initialised with a string constant (`const BASE = "https://api.example.com/"`). */
  constText?: string;
}

export interface FunctionRef {
  node: FunctionLike;
  scope: Scope;
  env: Env;
}

export class Scope {
  private readonly names = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}

  declare(name: string): Binding {
    let b = this.names.get(name);
    if (!b) {
      b = { name };
      this.names.set(name, b);
    }
    return b;
  }

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

/** Values of bindings along one path through the code; branches get a child and merge back. */
export class Env {
  readonly own = new Map<Binding, Taint>();
  /** Source expressions (`req.query.next`) a guard has checked on this path, and for which sink kinds. */
  readonly checked = new Map<string, readonly string[] | "all">();
  constructor(readonly parent?: Env) {}

  checkedKinds(sourceText: string): readonly string[] | "all" | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const k = e.checked.get(sourceText);
      if (k) return k;
    }
    return undefined;
  }

  get(b: Binding): Taint {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const t = e.own.get(b);
      if (t) return t;
    }
    return CLEAN;
  }

  set(b: Binding, t: Taint): void {
    this.own.set(b, t);
  }

  /** After branches: a binding may hold what any branch left in it. */
  mergeBranches(branches: Env[], includeSelf: boolean): void {
    const keys = new Set<Binding>();
    for (const br of branches) for (const k of br.own.keys()) keys.add(k);
    for (const k of keys) {
      const parts = branches.map((br) => br.get(k));
      if (includeSelf) parts.push(this.get(k));
      this.set(k, union(...parts));
    }
  }
}

/** Every name a declaration or parameter pattern binds. */
export function boundNames(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
  return out;
}

/**
 * Declares what a statement list hoists into its scope: functions and let/const/class directly
 * in it, and (for a function body) every `var` below it that no nested function owns.
 */
export function hoist(statements: readonly ts.Statement[], scope: Scope, env: Env, functionBody: boolean): void {
  for (const st of statements) {
    if (ts.isFunctionDeclaration(st) && st.name) {
      if (st.body) scope.declare(st.name.text).fn = { node: st, scope, env };
    } else if (ts.isClassDeclaration(st) && st.name) scope.declare(st.name.text);
    else if (ts.isVariableStatement(st) && !isVar(st.declarationList)) {
      for (const d of st.declarationList.declarations) for (const id of boundNames(d.name)) scope.declare(id.text);
    }
  }
  if (functionBody) for (const st of statements) hoistVars(st, scope);
}

function isVar(list: ts.VariableDeclarationList): boolean {
  return (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0;
}

function hoistVars(node: ts.Node, scope: Scope): void {
  if (isFunctionLike(node) || ts.isClassLike(node)) return;
  if (ts.isVariableDeclarationList(node) && isVar(node)) {
    for (const d of node.declarations) for (const id of boundNames(d.name)) scope.declare(id.text);
  }
  ts.forEachChild(node, (c) => hoistVars(c, scope));
}
