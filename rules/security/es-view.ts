/**
 * eslint-plugin-security's checks read ESTree; these helpers show TypeScript's tree the way ESTree
 * would: parentheses vanish, TypeScript wrappers (`as`, `!`, `satisfies`) stay opaque nodes, an
 * optional chain sits inside a ChainExpression the plugin never looks into, and `import(x)` is not
 * a call.
 */
import ts from "typescript";

function skipParentheses(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
}

/**
 * The node ESTree has where an expression stands on its own (an argument, an initial value, an
 * operand); undefined where ESTree has a ChainExpression (`a?.b`), which no check looks into.
 */
export function esExpression(node: ts.Node | undefined): ts.Node | undefined {
  if (!node) return undefined;
  const n = skipParentheses(node);
  return ts.isOptionalChain(n) ? undefined : n;
}

/** The object of a member access or the callee of a call: the same chain goes on unless parenthesised. */
export function esOperand(node: ts.Node): ts.Node | undefined {
  return ts.isParenthesizedExpression(node) ? esExpression(node) : node;
}

/** ESTree's `Literal`: strings, numbers, bigints, regexes, booleans and null (not templates, not `-1`). */
export function isEsLiteral(node: ts.Node | undefined): boolean {
  switch (node?.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    default:
      return false;
  }
}

/** The value of an ESTree string `Literal` standing at an expression position. */
export function esStringLiteral(node: ts.Node | undefined): string | undefined {
  const n = esExpression(node);
  return n && ts.isStringLiteral(n) ? n.text : undefined;
}

/** A CallExpression in ESTree's sense: `import(x)` is an ImportExpression there. */
export function isEsCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.ImportKeyword;
}

/** The name of an Identifier callee (parentheses dropped), as ESTree's `callee.name` reads. */
export function calleeIdentifier(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = esOperand(call.expression);
  return callee && ts.isIdentifier(callee) ? callee.text : undefined;
}

/** ESTree's BinaryExpression: not the logical operators, assignments or the comma, which have node types of their own. */
export function isEsBinary(node: ts.Node): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  return !(
    op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken ||
    op === ts.SyntaxKind.CommaToken || (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment)
  );
}

/** ESTree's `property.name` of a non-computed member access (a private name without its `#`). */
export function memberName(node: ts.PropertyAccessExpression): string {
  return ts.isPrivateIdentifier(node.name) ? node.name.text.slice(1) : node.name.text;
}

/** True when the chain an optional-chain node belongs to goes on in its parent. */
function chainContinues(node: ts.Node): boolean {
  const p = node.parent;
  return (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isCallExpression(p) || ts.isNonNullExpression(p)) && p.expression === node && ts.isOptionalChain(p);
}

export type EsParentType = "VariableDeclarator" | "AssignmentExpression" | "MemberExpression" | "ChainExpression" | "other";

/** The ESTree type of an expression's parent, for the few types the checks ask about. */
export function esParentType(node: ts.Expression): EsParentType {
  if (ts.isOptionalChain(node) && !chainContinues(node)) return "ChainExpression";
  let child: ts.Node = node;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const p = child.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === child) return "VariableDeclarator";
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    // `[a = x] = list`: a default inside a destructuring target is an AssignmentPattern.
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && !isInAssignmentTarget(p) ? "AssignmentExpression" : "other";
  }
  if (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) return "MemberExpression";
  return "other";
}

/** True when a node is an element of an array or object literal that is itself assigned to (a destructuring target). */
function isInAssignmentTarget(node: ts.Node): boolean {
  let n = node;
  let p = n.parent;
  let nested = false;
  while (ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || ts.isPropertyAssignment(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isParenthesizedExpression(p)) {
    if (ts.isPropertyAssignment(p) && p.initializer !== n) return false;
    nested ||= ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p);
    n = p;
    p = p.parent;
  }
  if (!nested) return false;
  if (ts.isBinaryExpression(p)) return p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return (ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n;
}
