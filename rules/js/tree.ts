/**
 * Small questions rules ask about TypeScript syntax nodes. What a rule decides lives in its own
 * file; how a node is read lives here. Unlike ESTree, TypeScript's tree keeps parentheses and type
 * wrappers as nodes: `unwrap` and `parentOf` look through them.
 */
import ts from "../../server/src/engine/js/typescript";
import type { NativeContext, NativeEdit } from "../../server/src/engine/js/native/api";
import { isAssignmentOperator } from "../../server/src/engine/js/native/scope";

/** The expression inside parentheses and TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`). */
export function unwrap(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/** The parent of a node, looking through parentheses and type wrappers around it. */
export function parentOf(node: ts.Node): ts.Node | undefined {
  let p: ts.Node | undefined = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isTypeAssertionExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  return p;
}

/** The outermost wrapper of a node: the node as its parent (from `parentOf`) sees it. */
export function outermost(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isTypeAssertionExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

/** The static string value of a node: string literals and templates without substitutions. */
export function staticString(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  return undefined;
}

export function isLiteral(node: ts.Node): boolean {
  const k = node.kind;
  return (
    k === ts.SyntaxKind.StringLiteral || k === ts.SyntaxKind.NumericLiteral || k === ts.SyntaxKind.BigIntLiteral ||
    k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.RegularExpressionLiteral ||
    k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword
  );
}

/** True for values fixed at write time: literals, templates and concatenations of literals. */
export function isConstant(node: ts.Node | undefined): boolean {
  if (!node) return true;
  const n = unwrap(node);
  if (isLiteral(n)) return true;
  if (ts.isTemplateExpression(n)) return n.templateSpans.every((s) => isConstant(s.expression));
  if (ts.isBinaryExpression(n)) return isConstant(n.left) && isConstant(n.right);
  if (ts.isPrefixUnaryExpression(n)) return isConstant(n.operand);
  if (ts.isVoidExpression(n) || ts.isTypeOfExpression(n)) return isConstant(n.expression);
  if (ts.isArrayLiteralExpression(n)) return n.elements.every((e) => !ts.isSpreadElement(e) && isConstant(e));
  return false;
}

/** The static name of a property name node (`b` in `a.b`, `{ b: 1 }`, `{ "b": 1 }`, `{ ["b"]: 1 }`). */
export function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return staticString(name.expression);
  return undefined;
}

/** The static name a member access or a property/method/field declaration uses. */
export function propertyName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return staticString(node.argumentExpression);
  if (ts.isShorthandPropertyAssignment(node)) return node.name.text;
  if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) return nameText(node.name);
  return undefined;
}

export function isMemberAccess(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

/** `a.b.c` (also `a?.b`, `a["b"]`) as "a.b.c" when every part is static; undefined otherwise. */
export function memberPath(node: ts.Node): string | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (isMemberAccess(n)) {
    const obj = memberPath(n.expression);
    const prop = propertyName(n);
    return obj !== undefined && prop !== undefined ? `${obj}.${prop}` : undefined;
  }
  return undefined;
}

/** The callee of a call as a dotted path (`crypto.createHash`, `eval`), when static. */
export function calleePath(call: ts.CallExpression | ts.NewExpression): string | undefined {
  return memberPath(call.expression);
}

/** The last segment of a callee path: `createHash` for `crypto.createHash`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (isMemberAccess(callee)) return propertyName(callee);
  return undefined;
}

/** The arguments of a call or `new` (none for `new X`). */
export function argsOf(call: ts.CallExpression | ts.NewExpression): readonly ts.Expression[] {
  return call.arguments ?? [];
}

/** Every node under `root` (itself included) that passes `test`, in source order. */
export function descendants(root: ts.Node, test: (n: ts.Node) => boolean): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (test(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

/** Constructors and accessors included: ESTree holds their bodies in function expressions too. */
export type FunctionNode =
  | ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration
  | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

export function isFunction(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)
  );
}

/** The innermost function around a node, if any. */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return undefined;
}

/** The last static name of a reference: `b` for `a.b`, `a` for `a`. */
export function referenceName(node: ts.Node): string | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (isMemberAccess(n)) return propertyName(n);
  return undefined;
}

/**
 * The name a value is bound to when it is the direct right-hand side of a declaration,
 * assignment, property, default value or class field: `token` in `const token = v`.
 */
export function bindingName(value: ts.Node): string | undefined {
  const v = outermost(value);
  const p = v.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) return p.initializer === v ? referenceName(p.name) : undefined;
  if (ts.isBinaryExpression(p)) return p.right === v && isAssignmentOperator(p.operatorToken.kind) ? referenceName(p.left) : undefined;
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p.initializer === v ? nameText(p.name) : undefined;
  return undefined;
}

/** The name a function is known by: its own, or the variable, property or method holding it. */
export function functionName(fn: FunctionNode): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return "constructor";
  if (!ts.isArrowFunction(fn) && fn.name) return nameText(fn.name);
  return bindingName(fn);
}

/** The property of an object literal with a static name (shorthand `{ name }` included). */
export function objectProperty(obj: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  for (const p of obj.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(p) === name) return p;
  }
  return undefined;
}

/** The value of a property assignment (the identifier itself for a shorthand one). */
export function propertyValue(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): ts.Expression {
  return ts.isPropertyAssignment(p) ? p.initializer : p.name;
}

/** True when an object literal spreads another object in, so a missing key may still be set. */
export function hasSpread(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p));
}

/** True for the literal `true` (and `"true"` when `orString`). */
export function isTrue(node: ts.Node | undefined, orString = false): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.kind === ts.SyntaxKind.TrueKeyword || (orString && staticString(n) === "true");
}

export function isFalse(node: ts.Node | undefined): boolean {
  return !!node && unwrap(node).kind === ts.SyntaxKind.FalseKeyword;
}

/** The number a numeric literal holds. */
export function numberValue(node: ts.Node | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return ts.isNumericLiteral(n) ? Number(n.text) : undefined;
}

/** What an identifier holds when bound once and never reassigned (a declaration's value or a function); undefined otherwise. */
export function resolveValue(context: NativeContext, id: ts.Identifier): ts.Node | undefined {
  const b = context.scope.resolve(id);
  return b ? context.scope.constantValue(b) : undefined;
}

/** Edits, in the shape the native rule API reports them. */
export const edit = {
  replace: (context: NativeContext, node: ts.Node, text: string): NativeEdit => ({ start: context.startOf(node), end: node.end, text }),
  remove: (context: NativeContext, node: ts.Node): NativeEdit => ({ start: context.startOf(node), end: node.end, text: "" }),
  insertAfter: (node: ts.Node, text: string): NativeEdit => ({ start: node.end, end: node.end, text }),
};
