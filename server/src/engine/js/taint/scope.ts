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

/** Names declared in one block or function; most blocks declare none, so the map is made on the first. */
export class Scope {
  private names?: Map<string, Binding>;
  constructor(readonly parent?: Scope) {}

  declare(name: string): Binding {
    this.names ??= new Map();
    let b = this.names.get(name);
    if (!b) {
      b = { name };
      this.names.set(name, b);
    }
    return b;
  }

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

/** Sink kinds a check makes safe: "all" for allowlists, fewer for prefix and type checks. */
export type Kinds = readonly string[] | "all";

/**
 * Values of bindings along one path through the code; branches get a child and merge back.
 * Most paths change nothing, so the maps are made on the first change.
 */
export class Env {
  private own?: Map<Binding, Taint>;
  /** Source expressions (`req.query.next`) a guard has checked on this path, and for which sink kinds. */
  private checked?: Map<string, Kinds>;
  constructor(readonly parent?: Env) {}

  checkedKinds(sourceText: string): Kinds | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const k = e.checked?.get(sourceText);
      if (k) return k;
    }
    return undefined;
  }

  check(sourceText: string, kinds: Kinds): void {
    (this.checked ??= new Map()).set(sourceText, kinds);
  }

  get(b: Binding): Taint {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const t = e.own?.get(b);
      if (t) return t;
    }
    return CLEAN;
  }

  set(b: Binding, t: Taint): void {
    (this.own ??= new Map()).set(b, t);
  }

  /** Takes over what a branch changed, as the only path that goes on. */
  adopt(branch: Env): void {
    if (branch.own) for (const [k, v] of branch.own) this.set(k, v);
    if (branch.checked) for (const [k, v] of branch.checked) this.check(k, v);
  }

  /** After branches: a binding may hold what any branch left in it. */
  mergeBranches(branches: Env[], includeSelf: boolean): void {
    if (branches.length === 1) {
      const own = branches[0]!.own;
      if (own) for (const [k, v] of own) this.set(k, includeSelf ? union(v, this.get(k)) : v);
      return;
    }
    const keys = new Set<Binding>();
    for (const br of branches) if (br.own) for (const k of br.own.keys()) keys.add(k);
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

/** `var`s declare in the function: looked for in nested statements only, as no expression holds one outside a nested function. */
function hoistVars(st: ts.Statement, scope: Scope): void {
  switch (st.kind) {
    case ts.SyntaxKind.VariableStatement:
      declareVars((st as ts.VariableStatement).declarationList, scope);
      break;
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement: {
      const loop = st as ts.ForStatement | ts.ForInStatement | ts.ForOfStatement;
      if (loop.initializer && ts.isVariableDeclarationList(loop.initializer)) declareVars(loop.initializer, scope);
      hoistVars(loop.statement, scope);
      break;
    }
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.WithStatement:
      hoistVars((st as ts.WhileStatement | ts.DoStatement | ts.LabeledStatement | ts.WithStatement).statement, scope);
      break;
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
      for (const inner of (st as ts.Block | ts.ModuleBlock).statements) hoistVars(inner, scope);
      break;
    case ts.SyntaxKind.IfStatement:
      hoistVars((st as ts.IfStatement).thenStatement, scope);
      if ((st as ts.IfStatement).elseStatement) hoistVars((st as ts.IfStatement).elseStatement!, scope);
      break;
    case ts.SyntaxKind.TryStatement: {
      const t = st as ts.TryStatement;
      hoistVars(t.tryBlock, scope);
      if (t.catchClause) hoistVars(t.catchClause.block, scope);
      if (t.finallyBlock) hoistVars(t.finallyBlock, scope);
      break;
    }
    case ts.SyntaxKind.SwitchStatement:
      for (const clause of (st as ts.SwitchStatement).caseBlock.clauses) for (const inner of clause.statements) hoistVars(inner, scope);
      break;
    case ts.SyntaxKind.ModuleDeclaration: {
      // `namespace A.B { var x }` and `declare global { var x }`.
      const body = (st as ts.ModuleDeclaration).body;
      if (body) hoistVars(body as ts.ModuleBlock | ts.ModuleDeclaration, scope);
      break;
    }
  }
}

function declareVars(list: ts.VariableDeclarationList, scope: Scope): void {
  if (!isVar(list)) return;
  for (const d of list.declarations) for (const id of boundNames(d.name)) scope.declare(id.text);
}
