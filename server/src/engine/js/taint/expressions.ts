import ts from "../typescript";
import { childFrame, isFunctionLiteral, type FileAnalysis, type Frame } from "./analysis";
import { CLEAN, union, type Flow, type Taint } from "./flow";
import { memberChain, propertyNameOf, unwrap, canonicalName } from "./names";
import { matchSource } from "./source-match";
import { evalCall } from "./calls";
import { assignTo } from "./bind";
import { applyGuards, guardsOf } from "./guards";
import { registerClass } from "./statements";
import { checkJsxAttribute } from "./sink-check";
import { isFunctionLike } from "./scope";

/**
 * A URL or path whose scheme and host (or local path) are fixed before the tainted part:
 * `https://api.example.com/users/` + id, `${BASE}/items/` + id, "/users/" + id. "\0" stands for a
 * clean expression, "\u0001" for a tainted one.
 */
const FIXED_PREFIX = /^(?:(?:\0|[a-z][a-z0-9+.-]*:\/\/[^/?#\0\u0001]+)[/?#]|\/[^/\\\0\u0001]|[?#])/i;

export function registerFunction(a: FileAnalysis, node: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration, fr: Frame): void {
  a.pending.push({ node, scope: fr.scope, env: fr.env });
}

export function evalExpr(a: FileAnalysis, node: ts.Expression, fr: Frame): Taint {
  switch (node.kind) {
    case ts.SyntaxKind.Identifier: {
      const b = fr.scope.lookup((node as ts.Identifier).text);
      return b ? fr.env.get(b) : CLEAN;
    }
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.SuperKeyword:
      return CLEAN;
    case ts.SyntaxKind.TemplateExpression: {
      const t = node as ts.TemplateExpression;
      const parts: (string | ts.Expression)[] = [t.head.text];
      for (const span of t.templateSpans) parts.push(span.expression, span.literal.text);
      return concat(a, parts, fr);
    }
    case ts.SyntaxKind.BinaryExpression:
      return evalBinary(a, node as ts.BinaryExpression, fr);
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
      return evalMember(a, node as ts.PropertyAccessExpression | ts.ElementAccessExpression, fr);
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
      return evalCall(a, node as ts.CallExpression | ts.NewExpression, fr);
    case ts.SyntaxKind.TaggedTemplateExpression: {
      const t = node as ts.TaggedTemplateExpression;
      const spans = ts.isTemplateExpression(t.template) ? t.template.templateSpans.map((s) => evalExpr(a, s.expression, fr)) : [];
      // Tagged SQL templates (sql`...`, Prisma's $queryRaw`...`) bind their values; String.raw keeps them.
      return canonicalName(t.tag, fr.scope) === "String.raw" ? union(...spans) : CLEAN;
    }
    case ts.SyntaxKind.ConditionalExpression: {
      const c = node as ts.ConditionalExpression;
      evalExpr(a, c.condition, fr);
      const g = guardsOf(c.condition, a, fr);
      const tf = childFrame(fr), ff = childFrame(fr);
      applyGuards(g.whenTrue, a, tf);
      applyGuards(g.whenFalse, a, ff);
      const out = union(evalExpr(a, c.whenTrue, tf), evalExpr(a, c.whenFalse, ff));
      return out;
    }
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.SpreadElement:
      return evalExpr(a, (node as ts.ParenthesizedExpression).expression, fr);
    case ts.SyntaxKind.YieldExpression: {
      const e = (node as ts.YieldExpression).expression;
      return e ? evalExpr(a, e, fr) : CLEAN;
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return union(...(node as ts.ArrayLiteralExpression).elements.map((e) => evalExpr(a, e, fr)));
    case ts.SyntaxKind.ObjectLiteralExpression:
      return evalObject(a, node as ts.ObjectLiteralExpression, fr);
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
      registerFunction(a, node as ts.ArrowFunction, fr);
      return CLEAN;
    case ts.SyntaxKind.ClassExpression:
      registerClass(a, node as ts.ClassExpression, fr);
      return CLEAN;
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      evalExpr(a, (node as ts.PrefixUnaryExpression).operand, fr);
      return CLEAN;
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
      evalExpr(a, (node as ts.TypeOfExpression).expression, fr);
      return CLEAN;
    case ts.SyntaxKind.JsxElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxFragment:
      evalJsx(a, node, fr);
      return CLEAN;
    default:
      ts.forEachChild(node, (c) => {
        if (ts.isExpression(c)) evalExpr(a, c, fr);
      });
      return CLEAN;
  }
}

function evalBinary(a: FileAnalysis, node: ts.BinaryExpression, fr: Frame): Taint {
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.PlusToken) return concat(a, flattenPlus(node), fr);
  if (op === ts.SyntaxKind.EqualsToken) {
    const t = evalExpr(a, node.right, fr);
    assignTo(a, node.left, t, fr, node, node.right);
    return t;
  }
  if (op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
    const t = op === ts.SyntaxKind.PlusEqualsToken ? concat(a, [node.left, node.right], fr) : union(evalExpr(a, node.left, fr), evalExpr(a, node.right, fr));
    assignTo(a, node.left, t, fr, node);
    return t;
  }
  const l = evalExpr(a, node.left, fr);
  const r = evalExpr(a, node.right, fr);
  if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return union(l, r);
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return r;
  return CLEAN;
}

/** `a + b + c` as its operands, left to right, without recursion on long chains. */
function flattenPlus(node: ts.BinaryExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  let cur: ts.Expression = node;
  while (ts.isBinaryExpression(cur) && cur.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    out.push(cur.right);
    cur = unwrap(cur.left);
  }
  out.push(cur);
  return out.reverse();
}

/** String building: taints from every part, with what the constant parts say (URL prefix, HTML). */
function concat(a: FileAnalysis, parts: readonly (string | ts.Expression)[], fr: Frame): Taint {
  let prefix = "";
  const html = parts.some((p) => (typeof p === "string" ? p : ts.isStringLiteralLike(p) ? p.text : "").includes("<"));
  const out: Taint[] = [];
  for (const p of parts) {
    if (typeof p === "string") {
      prefix += p;
      continue;
    }
    const e = unwrap(p);
    if (ts.isStringLiteralLike(e)) {
      prefix += e.text;
      continue;
    }
    const t = evalExpr(a, p, fr);
    if (t.length === 0) {
      prefix += constText(e, fr) ?? "\0";
      continue;
    }
    const fixed = FIXED_PREFIX.test(prefix);
    out.push(t.map((f): Flow => ({ ...f, object: false, fixedPrefix: f.fixedPrefix || fixed, html: f.html || html })));
    prefix += "\u0001";
  }
  return union(...out);
}

function constText(e: ts.Expression, fr: Frame): string | undefined {
  return ts.isIdentifier(e) ? fr.scope.lookup(e.text)?.constText : undefined;
}

function evalMember(a: FileAnalysis, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, fr: Frame): Taint {
  const chain = memberChain(node);
  if (chain) {
    const src = matchSource(a, chain, node, fr, false);
    if (src) return src;
  }
  const obj = evalExpr(a, node.expression, fr);
  if (ts.isElementAccessExpression(node)) evalExpr(a, node.argumentExpression, fr);
  if (obj.length === 0 || propertyNameOf(node) === "length") return CLEAN;
  return obj;
}

function evalObject(a: FileAnalysis, node: ts.ObjectLiteralExpression, fr: Frame): Taint {
  const parts: Taint[] = [];
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p)) {
      if (ts.isComputedPropertyName(p.name)) evalExpr(a, p.name.expression, fr);
      const v = unwrap(p.initializer);
      if (isFunctionLiteral(v)) registerFunction(a, v, fr);
      else parts.push(evalExpr(a, p.initializer, fr));
    } else if (ts.isShorthandPropertyAssignment(p)) parts.push(evalExpr(a, p.name, fr));
    else if (ts.isSpreadAssignment(p)) parts.push(evalExpr(a, p.expression, fr));
    else if (ts.isMethodDeclaration(p) && p.body) registerFunction(a, p, fr);
    else if (isFunctionLike(p) && p.body) a.pending.push({ node: p, scope: fr.scope, env: fr.env });
  }
  return union(...parts);
}

function evalJsx(a: FileAnalysis, node: ts.Node, fr: Frame): void {
  const visit = (n: ts.Node): void => {
    if (ts.isJsxAttribute(n)) {
      const init = n.initializer;
      if (init && ts.isJsxExpression(init) && init.expression) checkJsxAttribute(a, n, init.expression, fr);
      return;
    }
    if (ts.isJsxExpression(n)) {
      if (n.expression) evalExpr(a, n.expression, fr);
      return;
    }
    if (ts.isJsxSpreadAttribute(n)) {
      evalExpr(a, n.expression, fr);
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
}
