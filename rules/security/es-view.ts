/**
 * The ESTree facts the import tracking and static-expression analysis read, on top of ./estree:
 * an optional chain at an expression's own position is a ChainExpression, which none of them
 * looks into; the chain goes on through unparenthesised callees and member objects.
 */
import ts from "../../server/src/engine/js/typescript";
import { IDENTIFIER_ESCAPE, isAssignmentPattern, isMemberExpression, withoutParens } from "./estree";

/** A module name can be spelt with escapes (`"child\x5fprocess"`): triggers for names in strings add these. */
export const STRING_ESCAPES = ["\\x", IDENTIFIER_ESCAPE];

/**
 * The node ESTree has where an expression stands on its own (an argument, an initial value, an
 * operand): parentheses dropped; undefined where ESTree has a ChainExpression (`a?.b`).
 */
export function esExpression(node: ts.Node | undefined): ts.Node | undefined {
  if (!node) return undefined;
  const n = withoutParens(node);
  return ts.isOptionalChain(n) ? undefined : n;
}

/** The object of a member access or the callee of a call: the same chain goes on unless parenthesised. */
export function esOperand(node: ts.Node): ts.Node | undefined {
  return ts.isParenthesizedExpression(node) ? esExpression(node) : node;
}

/** The value of an ESTree string `Literal` standing at an expression position. */
export function esStringLiteral(node: ts.Node | undefined): string | undefined {
  const n = esExpression(node);
  return n && ts.isStringLiteral(n) ? n.text : undefined;
}

/** The name of an Identifier callee, as ESTree's `callee.name` reads it. */
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

/** True when ESTree's parent of an expression is a VariableDeclarator, an AssignmentExpression or a MemberExpression. */
export function isKeptInName(node: ts.Expression): boolean {
  if (ts.isOptionalChain(node) && !chainContinues(node)) return false; // its parent is a ChainExpression
  let child: ts.Node = node;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const p = child.parent;
  if (ts.isVariableDeclaration(p)) return p.initializer === child;
  if (ts.isBinaryExpression(p)) return p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !isAssignmentPattern(p);
  return (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && isMemberExpression(p);
}

/** True when the optional chain a node belongs to goes on in its parent (`a?.b` in `a?.b.c`). */
function chainContinues(node: ts.Node): boolean {
  const p = node.parent;
  return (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isCallExpression(p) || ts.isNonNullExpression(p)) && p.expression === node && ts.isOptionalChain(p);
}
