import ts from "../typescript";
import { childFrame, isFunctionLiteral, type FileAnalysis, type Frame } from "./analysis";
import { CLEAN, type Taint } from "./flow";
import { Env, Scope, hoist, boundNames, isFunctionLike } from "./scope";
import { evalExpr, registerFunction } from "./expressions";
import { bindPattern } from "./bind";
import { canonicalName, requireSpecifier, unwrap } from "./names";
import { applyGuards, guardsOf } from "./guards";
import { recordExportStatement } from "./exports";
import { isRequestLike } from "./source-match";

const MAX_RETURN_FLOWS = 8;

/** `import x from "m"`, `import { a as b } from "m"`, `import * as ns from "m"`. */
export function declareImports(a: FileAnalysis, statements: readonly ts.Statement[], fr: Frame): void {
  for (const st of statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteralLike(st.moduleSpecifier) || !st.importClause) continue;
    const module = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.name) fr.scope.declare(clause.name.text).import = { module, name: "default" };
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) fr.scope.declare(named.name.text).import = { module, name: undefined };
    else if (named) {
      for (const el of named.elements) fr.scope.declare(el.name.text).import = { module, name: (el.propertyName ?? el.name).text };
    }
  }
}

export function runStatements(a: FileAnalysis, statements: readonly ts.Statement[], fr: Frame): void {
  for (const st of statements) runStatement(a, st, fr);
}

/** True when a statement never completes normally (return, throw, break, continue). */
function alwaysExits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  if (ts.isBlock(st)) return st.statements.length > 0 && alwaysExits(st.statements[st.statements.length - 1]!);
  if (ts.isIfStatement(st)) return st.elseStatement !== undefined && alwaysExits(st.thenStatement) && alwaysExits(st.elseStatement);
  if (ts.isExpressionStatement(st)) {
    const e = unwrap(st.expression);
    return ts.isCallExpression(e) && leavesFunction(e);
  }
  return false;
}

/** `process.exit()`, and `ctx.throw(400)` in Koa, which throws. */
function leavesFunction(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  return callee.name.text === "throw" || (ts.isIdentifier(callee.expression) && callee.expression.text === "process" && callee.name.text === "exit");
}

function runStatement(a: FileAnalysis, st: ts.Statement, fr: Frame): void {
  a.host.deadline?.check();
  switch (st.kind) {
    case ts.SyntaxKind.VariableStatement:
      declareVariables(a, (st as ts.VariableStatement).declarationList, fr);
      break;
    case ts.SyntaxKind.ExpressionStatement:
      evalExpr(a, (st as ts.ExpressionStatement).expression, fr);
      break;
    case ts.SyntaxKind.IfStatement:
      runIf(a, st as ts.IfStatement, fr);
      break;
    case ts.SyntaxKind.Block: {
      const inner: Frame = { ...fr, scope: new Scope(fr.scope) };
      hoist((st as ts.Block).statements, inner.scope, fr.env, false);
      runStatements(a, (st as ts.Block).statements, inner);
      break;
    }
    case ts.SyntaxKind.ReturnStatement: {
      const e = (st as ts.ReturnStatement).expression;
      if (e) addReturn(fr, evalExpr(a, e, fr));
      break;
    }
    case ts.SyntaxKind.ThrowStatement:
      evalExpr(a, (st as ts.ThrowStatement).expression, fr);
      break;
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
      runLoop(a, st as ts.IterationStatement, fr);
      break;
    case ts.SyntaxKind.TryStatement: {
      const t = st as ts.TryStatement;
      runStatement(a, t.tryBlock, fr);
      if (t.catchClause) {
        const inner: Frame = { ...fr, scope: new Scope(fr.scope) };
        if (t.catchClause.variableDeclaration) bindPattern(a, t.catchClause.variableDeclaration.name, CLEAN, inner, { param: true });
        runStatement(a, t.catchClause.block, inner);
      }
      if (t.finallyBlock) runStatement(a, t.finallyBlock, fr);
      break;
    }
    case ts.SyntaxKind.SwitchStatement: {
      const sw = st as ts.SwitchStatement;
      evalExpr(a, sw.expression, fr);
      const branches: Env[] = [];
      for (const clause of sw.caseBlock.clauses) {
        const inner = childFrame(fr);
        if (ts.isCaseClause(clause)) evalExpr(a, clause.expression, inner);
        hoist(clause.statements, inner.scope, inner.env, false);
        runStatements(a, clause.statements, inner);
        branches.push(inner.env);
      }
      fr.env.mergeBranches(branches, true);
      break;
    }
    case ts.SyntaxKind.LabeledStatement:
      runStatement(a, (st as ts.LabeledStatement).statement, fr);
      break;
    case ts.SyntaxKind.FunctionDeclaration: {
      const b = (st as ts.FunctionDeclaration).name && fr.scope.lookup((st as ts.FunctionDeclaration).name!.text);
      if (b && b.fn) a.pending.push(b.fn);
      break;
    }
    case ts.SyntaxKind.ClassDeclaration:
      registerClass(a, st as ts.ClassDeclaration, fr);
      break;
    case ts.SyntaxKind.ExportAssignment:
      evalExpr(a, (st as ts.ExportAssignment).expression, fr);
      break;
  }
  if (fr.scope === a.scope) recordExportStatement(a, st, fr);
}

function addReturn(fr: Frame, t: Taint): void {
  for (const f of t) if (fr.fn.returns.length < MAX_RETURN_FLOWS && !fr.fn.returns.includes(f)) fr.fn.returns.push(f);
}

function runIf(a: FileAnalysis, st: ts.IfStatement, fr: Frame): void {
  evalExpr(a, st.expression, fr);
  const guards = guardsOf(st.expression, a, fr);
  const thenFr = childFrame(fr);
  applyGuards(guards.whenTrue, a, thenFr);
  runStatement(a, st.thenStatement, thenFr);
  const elseFr = childFrame(fr);
  applyGuards(guards.whenFalse, a, elseFr);
  if (st.elseStatement) runStatement(a, st.elseStatement, elseFr);
  const thenExits = alwaysExits(st.thenStatement);
  const elseExits = st.elseStatement !== undefined && alwaysExits(st.elseStatement);
  // A branch that always leaves contributes nothing to what follows; the guard's facts for the
  // other branch hold after the `if` (an allowlist check with an early return).
  const live = [...(thenExits ? [] : [thenFr.env]), ...(elseExits ? [] : [elseFr.env])];
  if (live.length === 1) fr.env.adopt(live[0]!);
  else if (live.length === 2) fr.env.mergeBranches(live, false);
}

function runLoop(a: FileAnalysis, st: ts.IterationStatement, fr: Frame): void {
  const inner = childFrame(fr);
  if (ts.isForStatement(st)) {
    if (st.initializer && ts.isVariableDeclarationList(st.initializer)) declareVariables(a, st.initializer, inner, true);
    else if (st.initializer) evalExpr(a, st.initializer, inner);
    if (st.condition) evalExpr(a, st.condition, inner);
    if (st.incrementor) evalExpr(a, st.incrementor, inner);
  } else if (ts.isForOfStatement(st) || ts.isForInStatement(st)) {
    const items = evalExpr(a, st.expression, inner);
    if (ts.isVariableDeclarationList(st.initializer)) {
      for (const d of st.initializer.declarations) {
        for (const id of boundNames(d.name)) inner.scope.declare(id.text);
        bindPattern(a, d.name, items, inner);
      }
    } else evalExpr(a, st.initializer, inner);
  } else if (ts.isWhileStatement(st) || ts.isDoStatement(st)) {
    evalExpr(a, st.expression, inner);
  }
  runStatement(a, st.statement, inner);
  fr.env.mergeBranches([inner.env], true);
}

/** `const x = ...`, with what the initialiser says about the name: a function, a module, a constant. */
export function declareVariables(a: FileAnalysis, list: ts.VariableDeclarationList, fr: Frame, declareHere = false): void {
  for (const d of list.declarations) {
    if (declareHere) for (const id of boundNames(d.name)) fr.scope.declare(id.text);
    const init = d.initializer && unwrap(d.initializer);
    if (init && ts.isIdentifier(d.name)) {
      const b = fr.scope.lookup(d.name.text) ?? fr.scope.declare(d.name.text);
      if (isFunctionLike(init)) {
        b.fn = { node: init, scope: fr.scope, env: fr.env };
        a.pending.push(b.fn);
        continue;
      }
      describeBinding(b, init, fr);
      if (b.import) continue;
    }
    if (init && ts.isObjectBindingPattern(d.name)) {
      const spec = requireSpecifier(init);
      const base = ts.isIdentifier(init) ? canonicalName(init, fr.scope) : undefined;
      for (const el of d.name.elements) {
        if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
        const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        const b = fr.scope.lookup(el.name.text) ?? fr.scope.declare(el.name.text);
        if (spec !== undefined) b.import = { module: spec, name: key };
        else if (base) b.alias = `${base}.${key}`;
      }
      if (spec !== undefined || base) continue;
    }
    const t = init ? evalExpr(a, init, fr) : CLEAN;
    const requestNames = init && ts.isIdentifier(init) && isRequestLike(fr.scope.lookup(init.text)) ? [] : undefined;
    bindPattern(a, d.name, t, fr, { requestNames });
  }
}

function describeBinding(b: import("./scope").Binding, init: ts.Expression, fr: Frame): void {
  const spec = requireSpecifier(init);
  if (spec !== undefined) {
    b.import = { module: spec, name: undefined };
    return;
  }
  if ((ts.isPropertyAccessExpression(init)) && requireSpecifier(init.expression) !== undefined) {
    b.import = { module: requireSpecifier(init.expression)!, name: init.name.text };
    return;
  }
  if (ts.isStringLiteralLike(init)) {
    b.constText = init.text;
    return;
  }
  if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) {
    const c = canonicalName(init, fr.scope);
    if (c && (c.includes(".") || (ts.isIdentifier(init) && fr.scope.lookup(init.text)?.import))) b.alias = c;
    return;
  }
  if (ts.isCallExpression(init) || ts.isNewExpression(init)) {
    const c = canonicalName(init.expression, fr.scope);
    if (c === "util.promisify" && init.arguments?.[0]) {
      const target = canonicalName(init.arguments[0], fr.scope);
      if (target) b.alias = target;
      return;
    }
    const calleeBinding = ts.isIdentifier(unwrap(init.expression)) ? fr.scope.lookup((unwrap(init.expression) as ts.Identifier).text) : undefined;
    if (c && (c.includes(".") || calleeBinding?.import)) b.module = c.split(".")[0];
  }
}

/** Class members are functions too: their bodies are analysed with symbolic parameters. */
export function registerClass(a: FileAnalysis, cls: ts.ClassLikeDeclaration, fr: Frame): void {
  if (cls.name && ts.isClassDeclaration(cls)) fr.scope.declare(cls.name.text);
  for (const m of cls.members) {
    if (isFunctionLike(m) && m.body) a.pending.push({ node: m, scope: fr.scope, env: fr.env });
    else if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = unwrap(m.initializer);
      if (isFunctionLiteral(init)) registerFunction(a, init, fr);
    }
  }
}
