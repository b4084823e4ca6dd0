import ts from "../typescript";
import { isFunctionLiteral, type FileAnalysis, type Frame } from "./analysis";
import { runMessageHandler } from "./calls";
import { union, withStep, type Taint } from "./flow";
import { evalExpr } from "./expressions";
import { requestFieldSource } from "./source-match";
import { rootIdentifier, unwrap } from "./names";
import { checkAssignmentSinks } from "./sink-check";
import { recordExportAssignment } from "./exports";

export interface BindOptions {
  param?: boolean;
  request?: boolean;
  /** Destructuring a request: the field path so far (`{ query: { id } } = req` reads req.query.id). */
  requestNames?: readonly string[];
}

function keyOf(el: ts.BindingElement): string | undefined {
  const key = el.propertyName ?? el.name;
  if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) return key.text;
  return undefined;
}

/** Binds the names of a declaration or parameter pattern to what flows into it. */
export function bindPattern(a: FileAnalysis, name: ts.BindingName, t: Taint, fr: Frame, opts: BindOptions = {}): void {
  if (ts.isIdentifier(name)) {
    const b = opts.param ? fr.scope.declare(name.text) : (fr.scope.lookup(name.text) ?? fr.scope.declare(name.text));
    if (opts.param) b.param = true;
    if (opts.request) b.request = true;
    fr.env.set(b, t.length ? withStep(t, `assigned to \`${name.text}\``, a.startOf(name), name.end, a.file) : t);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      const key = el.dotDotDotToken ? undefined : keyOf(el);
      let et = t;
      const names = opts.requestNames && key !== undefined ? [...opts.requestNames, key] : undefined;
      if (names) et = union(et, requestFieldSource(a, names, el, fr) ?? []);
      if (el.initializer) et = union(et, evalExpr(a, el.initializer, fr));
      bindPattern(a, el.name, et, fr, { param: opts.param, requestNames: names });
    }
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    const et = el.initializer ? union(t, evalExpr(a, el.initializer, fr)) : t;
    bindPattern(a, el.name, et, fr, { param: opts.param });
  }
}

/** `target = value` (and `+=`): updates variables, checks property sinks, records CommonJS exports. */
export function assignTo(a: FileAnalysis, target: ts.Expression, t: Taint, fr: Frame, node: ts.Expression, valueNode?: ts.Expression): void {
  target = unwrap(target);
  if (ts.isIdentifier(target)) {
    const b = fr.scope.lookup(target.text);
    if (!b) {
      checkAssignmentSinks(a, target, t, fr, node);
      return;
    }
    fr.env.set(b, t.length ? withStep(t, `assigned to \`${target.text}\``, a.startOf(target), target.end, a.file) : t);
    return;
  }
  if (ts.isObjectLiteralExpression(target)) {
    for (const p of target.properties) {
      if (ts.isShorthandPropertyAssignment(p)) assignTo(a, p.name, t, fr, node);
      else if (ts.isPropertyAssignment(p)) assignTo(a, p.initializer, t, fr, node);
      else if (ts.isSpreadAssignment(p)) assignTo(a, p.expression, t, fr, node);
    }
    return;
  }
  if (ts.isArrayLiteralExpression(target)) {
    for (const el of target.elements) assignTo(a, ts.isSpreadElement(el) ? el.expression : el, t, fr, node);
    return;
  }
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
    if (ts.isElementAccessExpression(target)) evalExpr(a, target.argumentExpression, fr);
    checkAssignmentSinks(a, target, t, fr, node);
    if (valueNode) {
      recordExportAssignment(a, target, valueNode, fr);
      const fn = unwrap(valueNode);
      if (ts.isPropertyAccessExpression(target) && target.name.text === "onmessage" && isFunctionLiteral(fn)) runMessageHandler(a, fn, fr);
    }
    // A property write taints the object it is written to (`opts.url = input`).
    const root = rootIdentifier(target);
    const b = root && fr.scope.lookup(root.text);
    if (b && t.length > 0) fr.env.set(b, union(fr.env.get(b), t));
  }
}
