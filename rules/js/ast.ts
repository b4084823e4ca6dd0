/**
 * Small questions rules ask about ESTree nodes. What a rule decides lives in its own file; how a
 * node is read lives here, so the rules can later move to a cheaper tree.
 */
import type * as ESTree from "estree";

export type Node = ESTree.Node;

/** The static string value of a node: string literals and templates without expressions. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** True for values fixed at write time: literals, templates and concatenations of literals. */
export function isConstant(node: Node | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case "Literal":
      return true;
    case "TemplateLiteral":
      return node.expressions.every((e) => isConstant(e));
    case "BinaryExpression":
      return isConstant(node.left as Node) && isConstant(node.right);
    case "UnaryExpression":
      return isConstant(node.argument);
    case "ArrayExpression":
      return node.elements.every((e) => e === null || (e.type !== "SpreadElement" && isConstant(e)));
    default:
      return false;
  }
}

/** The name of a property key or member property when it is static (`a.b`, `a["b"]`, `{ b: 1 }`). */
export function propertyName(node: ESTree.Property | ESTree.MemberExpression | ESTree.PropertyDefinition): string | undefined {
  const key = node.type === "MemberExpression" ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === "Identifier") return key.name;
  if (key.type === "PrivateIdentifier") return key.name;
  return staticString(key as Node);
}

/** `a.b.c` as "a.b.c" when every part is static; undefined otherwise. */
export function memberPath(node: Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "ThisExpression") return "this";
  if (node.type === "MemberExpression") {
    const obj = memberPath(node.object as Node);
    const prop = propertyName(node);
    return obj !== undefined && prop !== undefined ? `${obj}.${prop}` : undefined;
  }
  if (node.type === "ChainExpression") return memberPath(node.expression);
  return undefined;
}

/** The callee of a call as a dotted path (`crypto.createHash`, `eval`), when static. */
export function calleePath(call: ESTree.CallExpression | ESTree.NewExpression): string | undefined {
  return memberPath(call.callee as Node);
}

/** The last segment of a callee path: `createHash` for `crypto.createHash`. */
export function calleeName(call: ESTree.CallExpression | ESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") return propertyName(callee);
  return undefined;
}

/** The parent of a node; both ESLint and the later tree keep parent links. */
export function parentOf(node: Node): Node | undefined {
  return (node as { parent?: Node | null }).parent ?? undefined;
}

/** TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) that do not change a value. */
const TS_WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSTypeAssertion", "TSSatisfiesExpression"]);

/** The expression inside TypeScript wrappers and parentheses-free chains (`a?.b`). */
export function unwrap(node: Node): Node {
  let n: Node = node;
  while (TS_WRAPPERS.has(n.type as string) || n.type === "ChainExpression") {
    n = (n as unknown as { expression: Node }).expression;
  }
  return n;
}

/** The child nodes of any node, found by shape, so it needs no visitor keys. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || value === null || typeof value !== "object") continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v && typeof v === "object" && typeof (v as { type?: unknown }).type === "string") out.push(v as Node);
    }
  }
  return out;
}

/** Every node under `root` (itself included) that passes `test`, in source order. */
export function descendants(root: Node, test: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (test(n)) out.push(n);
    stack.push(...children(n).reverse());
  }
  return out;
}

export type FunctionNode = ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression;

export function isFunction(node: Node): node is FunctionNode {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
}

/** The innermost function around a node, if any. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let n = parentOf(node); n; n = parentOf(n)) if (isFunction(n)) return n;
  return undefined;
}

/** The last static name of a reference: `b` for `a.b`, `a` for `a`. */
export function referenceName(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression") return propertyName(n);
  return undefined;
}

/**
 * The name a value is bound to when it is the direct right-hand side of a declaration,
 * assignment, property, default value or class field: `token` in `const token = v`.
 */
export function bindingName(value: Node): string | undefined {
  const p = parentOf(value);
  if (!p) return undefined;
  switch (p.type) {
    case "VariableDeclarator":
      return p.init === value ? referenceName(p.id) : undefined;
    case "AssignmentExpression":
      return p.right === value ? referenceName(p.left) : undefined;
    case "AssignmentPattern":
      return p.right === value ? referenceName(p.left) : undefined;
    case "Property":
      return p.value === value ? propertyName(p) : undefined;
    case "PropertyDefinition":
      return p.value === value ? propertyName(p) : undefined;
    default:
      return undefined;
  }
}

/** The name a function is known by: its own, or the variable, property or method holding it. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== "ArrowFunctionExpression" && fn.id) return fn.id.name;
  const p = parentOf(fn);
  if (p?.type === "MethodDefinition") return propertyName(p as unknown as ESTree.Property);
  return bindingName(fn);
}

/** The property of an object literal with a static name. */
export function objectProperty(obj: ESTree.ObjectExpression, name: string): ESTree.Property | undefined {
  for (const p of obj.properties) if (p.type === "Property" && propertyName(p) === name) return p;
  return undefined;
}

/** True when an object literal spreads another object in, so a missing key may still be set. */
export function hasSpread(obj: ESTree.ObjectExpression): boolean {
  return obj.properties.some((p) => p.type === "SpreadElement");
}

/** True for the literal `true` (and `"true"` when `orString`). */
export function isTrue(node: Node | null | undefined, orString = false): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return (n.type === "Literal" && n.value === true) || (orString && staticString(n) === "true");
}

export function isFalse(node: Node | null | undefined): boolean {
  return !!node && node.type === "Literal" && node.value === false;
}
