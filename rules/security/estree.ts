/**
 * How typescript-eslint presents a TypeScript node, for checks whose meaning was written against
 * ESTree: which nodes are parentheses (dropped), optional chains (wrapped in a ChainExpression),
 * literals (with the `value` the parser computes) and member expressions, and an expression's
 * ESTree type name. eslint-plugin-security's checks read exactly these facts.
 */
import ts from "../../server/src/engine/js/typescript";

export type MemberNode = ts.PropertyAccessExpression | ts.ElementAccessExpression;

/** The node inside parentheses: ESTree has no parentheses, but keeps `as`, `!` and `satisfies`. */
export function withoutParens(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
}

/** `a.b` inside a JSX tag name (`<a.b />`) is a JSXMemberExpression, not a MemberExpression. */
function isInJsxTagName(node: ts.PropertyAccessExpression): boolean {
  let n: ts.Node = node;
  while (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) n = n.parent;
  const p = n.parent;
  return (ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) && p.tagName === n;
}

/** True when ESTree has a MemberExpression for this node. */
export function isMemberExpression(node: MemberNode): boolean {
  return ts.isElementAccessExpression(node) || !isInJsxTagName(node);
}

/**
 * ESTree's `property.name` of a member expression: the name after the dot (a private name without
 * its `#`), or the identifier between brackets (`a[b]` names `b`, as the plugin reads it).
 */
export function memberPropertyName(node: MemberNode): string | undefined {
  if (ts.isPropertyAccessExpression(node)) {
    return ts.isPrivateIdentifier(node.name) ? node.name.text.slice(1) : node.name.text;
  }
  const key = withoutParens(node.argumentExpression);
  return ts.isIdentifier(key) ? key.text : undefined;
}

type ChainLink = ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression | ts.NonNullExpression;

function isChainLink(node: ts.Node): node is ChainLink {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isNonNullExpression(node);
}

/** True when typescript-eslint wraps the node in a ChainExpression: it or an unparenthesised link below it is optional (`?.`). */
function isOptionalChain(node: ts.Node): boolean {
  let n = node;
  while (isChainLink(n)) {
    if (!ts.isNonNullExpression(n) && n.questionDotToken) return true;
    if (ts.isParenthesizedExpression(n.expression)) return false;
    n = n.expression;
  }
  return false;
}

/** True when the parent carries the node's chain on (`a?.b` in `a?.b.c`), so no ChainExpression sits between them. */
function continuesChain(node: ts.Node): boolean {
  const p = node.parent;
  return isChainLink(p) && p.expression === node;
}

/**
 * The node ESLint gives as `parent`: the first ancestor that is not a parenthesis, or
 * "ChainExpression" when the node ends an optional chain (`x = a?.[k]`).
 */
export function estreeParent(node: ts.Node): ts.Node | "ChainExpression" {
  if (isChainLink(node) && !continuesChain(node) && isOptionalChain(node)) return "ChainExpression";
  let p = node.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  return p;
}

/** True for a call that ESTree has as a CallExpression (`import(x)` is an ImportExpression). */
export function isEstreeCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.ImportKeyword;
}

/** ESTree's `arguments` of a parent, if it has them (calls and `new`; `new X` has none). */
export function estreeArguments(node: ts.Node | "ChainExpression"): readonly ts.Expression[] | undefined {
  if (node === "ChainExpression") return undefined;
  if (isEstreeCall(node)) return node.arguments;
  if (ts.isNewExpression(node)) return node.arguments ?? [];
  return undefined;
}

/**
 * The `value` of the ESTree Literal a node is, as typescript-eslint computes it; undefined when
 * the node is not a Literal (templates are TemplateLiterals). Not for JSX attribute values.
 */
export function literalValue(node: ts.Node): { value: unknown } | undefined {
  const n = withoutParens(node);
  switch (n.kind) {
    case ts.SyntaxKind.StringLiteral:
      return { value: (n as ts.StringLiteral).text };
    case ts.SyntaxKind.NumericLiteral:
      return { value: Number((n as ts.NumericLiteral).text) };
    case ts.SyntaxKind.BigIntLiteral:
      return { value: BigInt((n as ts.BigIntLiteral).text.slice(0, -1)) }; // the text has no separators
    case ts.SyntaxKind.RegularExpressionLiteral:
      return { value: regExpOf((n as ts.RegularExpressionLiteral).text) };
    case ts.SyntaxKind.TrueKeyword:
      return { value: true };
    case ts.SyntaxKind.FalseKeyword:
      return { value: false };
    case ts.SyntaxKind.NullKeyword:
      return { value: null };
    default:
      return undefined;
  }
}

/** A regex literal's value: the RegExp this runtime builds from it, or null when it cannot. */
function regExpOf(literal: string): RegExp | null {
  const slash = literal.lastIndexOf("/");
  try {
    return new RegExp(literal.slice(1, slash), literal.slice(slash + 1));
  } catch {
    return null;
  }
}

/**
 * True for `=` in a destructuring target (`[a = 1] = list`), which ESTree has as an
 * AssignmentPattern rather than an AssignmentExpression.
 */
export function isAssignmentPattern(node: ts.BinaryExpression): boolean {
  const p = node.parent;
  if (ts.isArrayLiteralExpression(p)) return isDestructuringTarget(p);
  if (ts.isPropertyAssignment(p)) return p.initializer === node && isDestructuringTarget(p.parent);
  return false;
}

/** True when an array or object literal (or a spread in one) is assigned to rather than read. */
function isDestructuringTarget(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isBinaryExpression(p)) return p.left === node && isAssignmentOperator(p.operatorToken.kind);
  if (ts.isForOfStatement(p) || ts.isForInStatement(p)) return p.initializer === node;
  if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return isDestructuringTarget(p);
  if (ts.isObjectLiteralExpression(p)) return isDestructuringTarget(p);
  if (ts.isPropertyAssignment(p)) return p.initializer === node && isDestructuringTarget(p.parent);
  return false;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

const LOGICAL = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

/** The ESTree `type` of an expression, as typescript-eslint converts it. */
export function estreeType(node: ts.Node): string {
  const n = withoutParens(node);
  if (literalValue(n)) return "Literal";
  if (isChainLink(n) && isOptionalChain(n)) return "ChainExpression";
  switch (n.kind) {
    case ts.SyntaxKind.BinaryExpression: {
      const op = (n as ts.BinaryExpression).operatorToken.kind;
      if (op === ts.SyntaxKind.CommaToken) return "SequenceExpression";
      if (isAssignmentOperator(op)) return "AssignmentExpression";
      return LOGICAL.has(op) ? "LogicalExpression" : "BinaryExpression";
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const op = (n as ts.PrefixUnaryExpression).operator;
      return op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken ? "UpdateExpression" : "UnaryExpression";
    }
    case ts.SyntaxKind.CallExpression:
      return isEstreeCall(n) ? "CallExpression" : "ImportExpression";
    default:
      return ESTREE_TYPE[n.kind] ?? ts.SyntaxKind[n.kind];
  }
}

const ESTREE_TYPE: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.Identifier]: "Identifier",
  [ts.SyntaxKind.PrivateIdentifier]: "PrivateIdentifier",
  [ts.SyntaxKind.ThisKeyword]: "ThisExpression",
  [ts.SyntaxKind.SuperKeyword]: "Super",
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: "TemplateLiteral",
  [ts.SyntaxKind.TemplateExpression]: "TemplateLiteral",
  [ts.SyntaxKind.TaggedTemplateExpression]: "TaggedTemplateExpression",
  [ts.SyntaxKind.PropertyAccessExpression]: "MemberExpression",
  [ts.SyntaxKind.ElementAccessExpression]: "MemberExpression",
  [ts.SyntaxKind.NonNullExpression]: "TSNonNullExpression",
  [ts.SyntaxKind.NewExpression]: "NewExpression",
  [ts.SyntaxKind.PostfixUnaryExpression]: "UpdateExpression",
  [ts.SyntaxKind.TypeOfExpression]: "UnaryExpression",
  [ts.SyntaxKind.VoidExpression]: "UnaryExpression",
  [ts.SyntaxKind.DeleteExpression]: "UnaryExpression",
  [ts.SyntaxKind.AwaitExpression]: "AwaitExpression",
  [ts.SyntaxKind.YieldExpression]: "YieldExpression",
  [ts.SyntaxKind.ConditionalExpression]: "ConditionalExpression",
  [ts.SyntaxKind.ArrowFunction]: "ArrowFunctionExpression",
  [ts.SyntaxKind.FunctionExpression]: "FunctionExpression",
  [ts.SyntaxKind.ClassExpression]: "ClassExpression",
  [ts.SyntaxKind.ObjectLiteralExpression]: "ObjectExpression",
  [ts.SyntaxKind.ArrayLiteralExpression]: "ArrayExpression",
  [ts.SyntaxKind.SpreadElement]: "SpreadElement",
  [ts.SyntaxKind.AsExpression]: "TSAsExpression",
  [ts.SyntaxKind.SatisfiesExpression]: "TSSatisfiesExpression",
  [ts.SyntaxKind.TypeAssertionExpression]: "TSTypeAssertion",
  [ts.SyntaxKind.ExpressionWithTypeArguments]: "TSInstantiationExpression",
  [ts.SyntaxKind.MetaProperty]: "MetaProperty",
  [ts.SyntaxKind.JsxElement]: "JSXElement",
  [ts.SyntaxKind.JsxSelfClosingElement]: "JSXElement",
  [ts.SyntaxKind.JsxFragment]: "JSXFragment",
};

/**
 * Identifiers may spell any name with `\u` escapes (`ev\u0061l`), and ESTree names are the
 * unescaped ones: a check on a name must also run where its trigger word is spelt this way.
 */
export const IDENTIFIER_ESCAPE = "\\u";
