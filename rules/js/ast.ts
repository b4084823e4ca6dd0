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
