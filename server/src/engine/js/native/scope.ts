/**
 * Bindings and references of one file, the way rules ask about them: what does this identifier
 * refer to, is that variable ever reassigned, where is it read. Built on the first question, in
 * one walk; files no rule asks about never pay for it.
 */
import ts from "../typescript";

export type BindingKind = "var" | "let" | "const" | "function" | "class" | "param" | "import" | "catch" | "enum";

export interface Reference {
  id: ts.Identifier;
  read: boolean;
  write: boolean;
}

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declared identifier. */
  id: ts.Identifier;
  /** The declaring node: a variable declaration, binding element, parameter, function, class or import. */
  declaration: ts.Node;
  /** The initial value of `name = value` declarations (not destructured ones). */
  init?: ts.Expression;
  /** Every use except the declaration itself, in source order. */
  references: Reference[];
}

interface Scope {
  parent: Scope | undefined;
  isFunction: boolean;
  vars: Map<string, Binding>;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration;

function isFunctionLike(n: ts.Node): n is FunctionLike {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);
}

const ASSIGNMENT_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken, ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return ASSIGNMENT_OPERATORS.has(kind);
}

/** How an identifier in expression position is used: read, written (`x = 1`), or both (`x += 1`, `x++`). */
function usage(id: ts.Identifier): { read: boolean; write: boolean } {
  let n: ts.Node = id;
  let p = n.parent;
  // Destructuring assignment targets: `[a, b] = v`, `({ a } = v)`.
  let inPattern = false;
  while (ts.isParenthesizedExpression(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === n) || (ts.isObjectLiteralExpression(p) && inPattern)) {
    if (!ts.isParenthesizedExpression(p)) inPattern = true;
    n = p;
    p = p.parent;
  }
  if (ts.isBinaryExpression(p) && p.left === n && isAssignmentOperator(p.operatorToken.kind)) {
    return { read: p.operatorToken.kind !== ts.SyntaxKind.EqualsToken && !inPattern, write: true };
  }
  if (inPattern && (ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return { read: false, write: true };
  if (inPattern) return { read: true, write: false };
  if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return { read: false, write: true };
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) {
    return { read: true, write: true };
  }
  return { read: true, write: false };
}

/** True when the identifier names something (a property, a label, a declaration) rather than using a binding. */
function isNameOnly(id: ts.Identifier): boolean {
  const p = id.parent;
  switch (p.kind) {
    case ts.SyntaxKind.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).name === id;
    case ts.SyntaxKind.QualifiedName:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
    case ts.SyntaxKind.JsxAttribute:
    case ts.SyntaxKind.MetaProperty:
    case ts.SyntaxKind.ImportSpecifier:
    case ts.SyntaxKind.NamespaceExport:
      return true;
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.PropertySignature:
    case ts.SyntaxKind.MethodSignature:
    case ts.SyntaxKind.EnumMember:
      return (p as ts.NamedDeclaration).name === id;
    case ts.SyntaxKind.BindingElement:
      return (p as ts.BindingElement).propertyName === id || (p as ts.BindingElement).name === id;
    case ts.SyntaxKind.ExportSpecifier: {
      const s = p as ts.ExportSpecifier;
      if (s.parent.parent.moduleSpecifier) return true;
      return s.propertyName ? s.propertyName !== id : false;
    }
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.Parameter:
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.ImportClause:
    case ts.SyntaxKind.NamespaceImport:
    case ts.SyntaxKind.ImportEqualsDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
    case ts.SyntaxKind.ModuleDeclaration:
      return (p as ts.NamedDeclaration).name === id;
    default:
      return false;
  }
}

export class FileScope {
  private readonly bindingOf = new Map<ts.Identifier, Binding>();
  private readonly scopeOf = new Map<ts.Node, Scope>();
  private readonly root: Scope = { parent: undefined, isFunction: true, vars: new Map() };

  constructor(sf: ts.SourceFile) {
    const refs: { id: ts.Identifier; scope: Scope }[] = [];
    this.scopeOf.set(sf, this.root);
    const declare = (scope: Scope, name: ts.BindingName, kind: BindingKind, declaration: ts.Node, init?: ts.Expression) => {
      if (ts.isIdentifier(name)) {
        const b: Binding = { name: name.text, kind, id: name, declaration, init, references: [] };
        // A later `var x` or function of the same name: the first declaration stands for the binding.
        if (!scope.vars.has(b.name)) scope.vars.set(b.name, b);
        this.bindingOf.set(name, scope.vars.get(b.name)!);
        return;
      }
      for (const el of name.elements) if (!ts.isOmittedExpression(el)) declare(scope, el.name, kind, el);
    };
    const functionScope = (s: Scope) => {
      while (!s.isFunction && s.parent) s = s.parent;
      return s;
    };
    const visit = (node: ts.Node, scope: Scope): void => {
      if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
      if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
      if (ts.isExpressionWithTypeArguments(node)) return visit(node.expression, scope);
      if (ts.isIdentifier(node)) {
        if (!isNameOnly(node)) refs.push({ id: node, scope });
        return;
      }
      let inner = scope;
      if (isFunctionLike(node)) {
        if (ts.isFunctionDeclaration(node) && node.name) declare(scope, node.name, "function", node);
        inner = { parent: scope, isFunction: true, vars: new Map() };
        if (ts.isFunctionExpression(node) && node.name) declare(inner, node.name, "function", node);
        for (const p of node.parameters) declare(inner, p.name, "param", p);
        this.scopeOf.set(node, inner);
        // The body block shares the function's scope.
        if (node.body && ts.isBlock(node.body)) {
          this.scopeOf.set(node.body, inner);
          for (const p of node.parameters) visit(p, inner);
          for (const s of node.body.statements) visit(s, inner);
          return;
        }
      } else if (ts.isBlock(node) || ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isCaseBlock(node) || ts.isModuleBlock(node) || ts.isCatchClause(node) || ts.isClassLike(node)) {
        if (ts.isClassDeclaration(node) && node.name) declare(scope, node.name, "class", node);
        inner = { parent: scope, isFunction: false, vars: new Map() };
        this.scopeOf.set(node, inner);
        if (ts.isClassExpression(node) && node.name) declare(inner, node.name, "class", node);
        if (ts.isCatchClause(node) && node.variableDeclaration) declare(inner, node.variableDeclaration.name, "catch", node.variableDeclaration);
      } else if (ts.isVariableDeclaration(node) && !ts.isCatchClause(node.parent)) {
        const flags = node.parent.flags;
        const kind: BindingKind = flags & ts.NodeFlags.Const ? "const" : flags & (ts.NodeFlags.Let | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing) ? "let" : "var";
        declare(kind === "var" ? functionScope(scope) : scope, node.name, kind, node, ts.isIdentifier(node.name) ? node.initializer : undefined);
      } else if (ts.isImportClause(node) && node.name) {
        declare(this.root, node.name, "import", node);
      } else if ((ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node))) {
        declare(this.root, node.name, "import", node);
      } else if ((ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) && ts.isIdentifier(node.name)) {
        declare(scope, node.name, "enum", node);
      }
      ts.forEachChild(node, (child) => visit(child, inner));
    };
    visit(sf, this.root);
    for (const { id, scope } of refs) {
      const b = this.lookupIn(scope, id.text);
      if (!b) continue;
      this.bindingOf.set(id, b);
      b.references.push({ id, ...usage(id) });
    }
  }

  private lookupIn(scope: Scope | undefined, name: string): Binding | undefined {
    for (let s = scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** The binding an identifier (a use or a declaration) refers to; undefined for globals and undeclared names. */
  resolve(id: ts.Identifier): Binding | undefined {
    return this.bindingOf.get(id);
  }

  /** The binding `name` has at `node`, by the scopes around it. */
  lookup(name: string, node: ts.Node): Binding | undefined {
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      const s = this.scopeOf.get(n);
      if (s) return this.lookupIn(s, name);
    }
    return this.lookupIn(this.root, name);
  }

  /**
   * What a binding holds when it is set once and never reassigned: a declaration's initial value
   * or a function declaration. Undefined otherwise.
   */
  constantValue(b: Binding): ts.Node | undefined {
    if (b.references.some((r) => r.write)) return undefined;
    if (b.kind === "function" && ts.isFunctionDeclaration(b.declaration)) return b.declaration;
    return b.init;
  }
}
