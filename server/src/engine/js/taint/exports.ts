import ts from "../typescript";
import type { FileAnalysis, Frame } from "./analysis";

import { memberChain, unwrap } from "./names";
import type { Binding, FunctionRef } from "./scope";
import { isFunctionLike } from "./scope";

function refOf(a: FileAnalysis, value: ts.Node, fr: Frame): Binding | FunctionRef | undefined {
  const v = ts.isExpression(value) ? unwrap(value) : value;
  if (isFunctionLike(v)) return { node: v, scope: fr.scope, env: fr.env };
  if (ts.isIdentifier(v)) return fr.scope.lookup(v.text);
  return undefined;
}

function exportObject(a: FileAnalysis, obj: ts.ObjectLiteralExpression, fr: Frame): void {
  for (const p of obj.properties) {
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) continue;
    const name = p.name.text;
    const ref = ts.isShorthandPropertyAssignment(p) ? fr.scope.lookup(name)
      : ts.isPropertyAssignment(p) ? refOf(a, p.initializer, fr)
      : ts.isMethodDeclaration(p) ? refOf(a, p, fr) : undefined;
    if (ref) a.exports.set(name, ref);
  }
}

/** `module.exports = ...`, `module.exports.name = ...`, `exports.name = ...`. */
export function recordExportAssignment(a: FileAnalysis, target: ts.Expression, value: ts.Expression, fr: Frame): void {
  const chain = memberChain(target);
  if (!chain || fr.scope.lookup(chain.base.text)) return;
  const { base, names } = chain;
  const v = unwrap(value);
  if (base.text === "module" && names.length === 1 && names[0] === "exports") {
    if (ts.isObjectLiteralExpression(v)) exportObject(a, v, fr);
    else {
      const ref = refOf(a, v, fr);
      if (ref) a.exports.set("default", ref);
    }
    return;
  }
  const name = base.text === "exports" && names.length === 1 ? names[0]
    : base.text === "module" && names.length === 2 && names[0] === "exports" ? names[1] : undefined;
  if (name === undefined) return;
  const ref = refOf(a, v, fr);
  if (ref) a.exports.set(name, ref);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** ES module exports declared by a statement at the top of a file. */
export function recordExportStatement(a: FileAnalysis, st: ts.Statement, fr: Frame): void {
  if (ts.isExportAssignment(st)) {
    const ref = refOf(a, st.expression, fr);
    if (ref) a.exports.set("default", ref);
    return;
  }
  if (ts.isExportDeclaration(st)) {
    if (st.moduleSpecifier || !st.exportClause || !ts.isNamedExports(st.exportClause)) return;
    for (const el of st.exportClause.elements) {
      const b = fr.scope.lookup((el.propertyName ?? el.name).text);
      if (b) a.exports.set(el.name.text, b);
    }
    return;
  }
  if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) return;
  const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
  if (ts.isFunctionDeclaration(st)) {
    const ref = st.name ? fr.scope.lookup(st.name.text) : refOf(a, st, fr);
    if (ref) a.exports.set(isDefault || !st.name ? "default" : st.name.text, ref);
  } else if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const b = fr.scope.lookup(d.name.text);
      if (b) a.exports.set(d.name.text, b);
    }
  }
}

/** The function a module exports under a name, if it is one. */
export function exportedFunction(a: FileAnalysis, name: string): FunctionRef | undefined {
  const v = a.exports.get(name);
  if (!v) return undefined;
  return "node" in v ? v : v.fn;
}

