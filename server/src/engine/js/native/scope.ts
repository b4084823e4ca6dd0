/**
 * Bindings and references of one file, the way rules ask about them: what does this identifier
 * refer to, is that variable ever reassigned, where is it read. Answered for the names asked
 * about only: a scope's declarations are collected the first time a question passes through it,
 * and a binding's uses are found on first need by searching its scope's text for the name. A save
 * pays for the few names its rules look up, not for every identifier of the file.
 */
import ts from "../typescript";

/** Read once: every `ts.X` is a call of a getter on TypeScript's exports, too dear in these switches. */
const Kind = ts.SyntaxKind;

export type BindingKind = "var" | "let" | "const" | "function" | "class" | "param" | "import" | "catch" | "enum";

export interface Reference {
  id: ts.Identifier;
  read: boolean;
  write: boolean;
}

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The first declared identifier. */
  id: ts.Identifier;
  /** The first declaring node: a variable declaration, binding element, parameter, function, class or import. */
  declaration: ts.Node;
  /** The initial value of `name = value` declarations (not destructured ones). */
  init?: ts.Expression;
  /** Every identifier declaring the name in this scope (`var x` twice, a parameter and a `var`), in source order. */
  declarations: readonly ts.Identifier[];
  /** Interfaces and type aliases of the same name in the same scope, which TypeScript merges with the value. */
  typeDeclarations: readonly ts.Identifier[];
  /** Every use except the declarations, in source order. */
  readonly references: readonly Reference[];
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration;

function isFunctionLike(n: ts.Node): n is FunctionLike {
  switch (n.kind) {
    case Kind.FunctionDeclaration:
    case Kind.FunctionExpression:
    case Kind.ArrowFunction:
    case Kind.MethodDeclaration:
    case Kind.Constructor:
    case Kind.GetAccessor:
    case Kind.SetAccessor:
      return true;
    default:
      return false;
  }
}

/** Does `n` hold declarations of its own? A function's body block shares the function's scope. */
function opensScope(n: ts.Node): boolean {
  switch (n.kind) {
    case Kind.SourceFile:
    case Kind.ForStatement:
    case Kind.ForInStatement:
    case Kind.ForOfStatement:
    case Kind.CaseBlock:
    case Kind.ModuleBlock:
    case Kind.CatchClause:
    case Kind.ClassDeclaration:
    case Kind.ClassExpression:
      return true;
    case Kind.Block:
      return !isFunctionLike(n.parent);
    default:
      return isFunctionLike(n);
  }
}

/** Where a `var` stops: a function, the file, a namespace body or a class static block. */
function holdsVars(n: ts.Node): boolean {
  return n.kind === Kind.SourceFile || n.kind === Kind.ModuleBlock || isFunctionLike(n) ||
    (n.kind === Kind.Block && n.parent.kind === Kind.ClassStaticBlockDeclaration);
}

const ASSIGNMENT_OPERATORS = new Set<ts.SyntaxKind>([
  Kind.EqualsToken, Kind.PlusEqualsToken, Kind.MinusEqualsToken, Kind.AsteriskEqualsToken,
  Kind.AsteriskAsteriskEqualsToken, Kind.SlashEqualsToken, Kind.PercentEqualsToken,
  Kind.LessThanLessThanEqualsToken, Kind.GreaterThanGreaterThanEqualsToken,
  Kind.GreaterThanGreaterThanGreaterThanEqualsToken, Kind.AmpersandEqualsToken, Kind.BarEqualsToken,
  Kind.CaretEqualsToken, Kind.BarBarEqualsToken, Kind.AmpersandAmpersandEqualsToken,
  Kind.QuestionQuestionEqualsToken,
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
    return { read: p.operatorToken.kind !== Kind.EqualsToken && !inPattern, write: true };
  }
  if (inPattern && (ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return { read: false, write: true };
  if (inPattern) return { read: true, write: false };
  if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return { read: false, write: true };
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === Kind.PlusPlusToken || p.operator === Kind.MinusMinusToken)) {
    return { read: true, write: true };
  }
  return { read: true, write: false };
}

/** True when the identifier names something (a property, a label, a declaration) rather than using a binding. */
function isNameOnly(id: ts.Identifier): boolean {
  const p = id.parent;
  switch (p.kind) {
    case Kind.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).name === id;
    case Kind.QualifiedName:
    case Kind.LabeledStatement:
    case Kind.BreakStatement:
    case Kind.ContinueStatement:
    case Kind.JsxAttribute:
    case Kind.MetaProperty:
    case Kind.ImportSpecifier:
    case Kind.NamespaceExport:
      return true;
    case Kind.PropertyAssignment:
    case Kind.PropertyDeclaration:
    case Kind.MethodDeclaration:
    case Kind.GetAccessor:
    case Kind.SetAccessor:
    case Kind.PropertySignature:
    case Kind.MethodSignature:
    case Kind.EnumMember:
      return (p as ts.NamedDeclaration).name === id;
    case Kind.BindingElement:
      return (p as ts.BindingElement).propertyName === id || (p as ts.BindingElement).name === id;
    case Kind.ExportSpecifier: {
      const s = p as ts.ExportSpecifier;
      if (s.parent.parent.moduleSpecifier) return true;
      return s.propertyName ? s.propertyName !== id : false;
    }
    case Kind.VariableDeclaration:
    case Kind.Parameter:
    case Kind.FunctionDeclaration:
    case Kind.FunctionExpression:
    case Kind.ClassDeclaration:
    case Kind.ClassExpression:
    case Kind.ImportClause:
    case Kind.NamespaceImport:
    case Kind.ImportEqualsDeclaration:
    case Kind.EnumDeclaration:
    case Kind.ModuleDeclaration:
      return (p as ts.NamedDeclaration).name === id;
    default:
      return false;
  }
}

/** True inside a type, an interface or a type alias: names there are types, not uses of values. */
function isInType(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if ((ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) || ts.isTypeParameterDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return true;
    // Types hold no statements, functions or classes.
    if (ts.isStatement(n) || isFunctionLike(n) || ts.isClassLike(n)) return false;
  }
  return false;
}

const NONE: readonly ts.Identifier[] = [];

class ScopedBinding implements Binding {
  readonly declarations: ts.Identifier[];
  typeDeclarations = NONE;
  private found?: readonly Reference[];

  constructor(
    private readonly file: FileScope,
    /** The node whose scope holds the binding. */
    readonly owner: ts.Node,
    readonly name: string,
    readonly kind: BindingKind,
    readonly id: ts.Identifier,
    readonly declaration: ts.Node,
    readonly init: ts.Expression | undefined,
  ) {
    this.declarations = [id];
  }

  get references(): readonly Reference[] {
    return (this.found ??= this.file.usesOf(this));
  }
}

/** The declarations one scope holds. */
interface Declared {
  values: Map<string, ScopedBinding>;
  types?: Map<string, ts.Identifier[]>;
}

const IDENTIFIER_CHAR = /[\w$]/;

export class FileScope {
  private readonly declared = new Map<ts.Node, Declared>();

  private varWords?: number[];

  constructor(readonly file: ts.SourceFile) {}

  /**
   * True when the word `var` stands between two offsets: only then can a scope's nested blocks
   * hold one of its `var`s. The word's offsets are listed once per file.
   */
  mentionsVar(start: number, end: number): boolean {
    const at = (this.varWords ??= [...this.file.text.matchAll(/\bvar\b/g)].map((m) => m.index));
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo]! < end;
  }

  /** The binding an identifier (a use or a declaration) refers to; undefined for globals and undeclared names. */
  resolve(id: ts.Identifier): Binding | undefined {
    if (isNameOnly(id)) return this.declaredBy(id);
    return isInType(id) ? undefined : this.lookup(id.text, id);
  }

  /** The binding `name` has at `node`, by the scopes around it. */
  lookup(name: string, node: ts.Node): Binding | undefined {
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (!opensScope(n)) continue;
      const b = this.declarationsOf(n).values.get(name);
      if (b) return b;
    }
    return undefined;
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

  /**
   * The uses of a binding: the identifiers of its name in its scope's text that no inner
   * declaration shadows. Spelt with escapes (`\u0061`), a name is found at its backslash.
   */
  usesOf(b: ScopedBinding): Reference[] {
    const text = this.file.text;
    const { owner, name } = b;
    const found = new Set<ts.Identifier>();
    const take = (at: number) => {
      const n = nodeAt(owner, at);
      if (ts.isIdentifier(n) && n.text === name) found.add(n);
    };
    for (let at = text.indexOf(name, owner.pos); at !== -1 && at < owner.end; at = text.indexOf(name, at + name.length)) {
      // An ASCII identifier character beside it: part of a longer word.
      if (IDENTIFIER_CHAR.test(text[at - 1] ?? " ") || IDENTIFIER_CHAR.test(text[at + name.length] ?? " ")) continue;
      take(at);
    }
    for (let at = text.indexOf("\\u", owner.pos); at !== -1 && at < owner.end; at = text.indexOf("\\u", at + 2)) take(at);
    const uses: Reference[] = [];
    for (const id of [...found].sort((x, y) => x.pos - y.pos)) {
      if (isNameOnly(id) || isInType(id) || this.lookup(name, id) !== b) continue;
      uses.push({ id, ...usage(id) });
    }
    return uses;
  }

  /** The binding a declared name belongs to: looked for from its own scope out to the nearest that holds vars. */
  private declaredBy(id: ts.Identifier): Binding | undefined {
    let n: ts.Node | undefined = id.parent;
    // A function or class declaration's name belongs to the scope around it.
    if (ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) n = n.parent;
    for (; n; n = n.parent) {
      if (!opensScope(n)) continue;
      const b = this.declarationsOf(n).values.get(id.text);
      if (b?.declarations.includes(id)) return b;
      if (holdsVars(n)) return undefined;
    }
    return undefined;
  }

  private declarationsOf(owner: ts.Node): Declared {
    let d = this.declared.get(owner);
    if (!d) {
      d = collectDeclarations(this, owner);
      this.declared.set(owner, d);
    }
    return d;
  }
}

/** The innermost node at offset `at` under `root`. */
function nodeAt(root: ts.Node, at: number): ts.Node {
  let n = root;
  for (;;) {
    const child = ts.forEachChild(n, (c) => (c.pos <= at && at < c.end ? c : undefined));
    if (!child) return n;
    n = child;
  }
}

/**
 * The declarations of one scope, in source order. Nested scopes are entered only for the `var`s a
 * function, the file, a namespace or a static block holds; expressions hold no declarations of
 * the scope around them (a function or class expression's own name is its own scope's).
 */
function collectDeclarations(file: FileScope, owner: ts.Node): Declared {
  const d: Declared = { values: new Map() };
  const declare = (name: ts.BindingName, kind: BindingKind, declaration: ts.Node, init?: ts.Expression) => {
    if (ts.isIdentifier(name)) {
      const b = d.values.get(name.text);
      if (b) b.declarations.push(name);
      else d.values.set(name.text, new ScopedBinding(file, owner, name.text, kind, name, declaration, init));
      return;
    }
    for (const el of name.elements) if (!ts.isOmittedExpression(el)) declare(el.name, kind, el);
  };
  const declareType = (name: ts.Identifier) => {
    d.types ??= new Map();
    const list = d.types.get(name.text);
    if (list) list.push(name);
    else d.types.set(name.text, [name]);
  };
  const ownsVars = holdsVars(owner);
  const hoists = ownsVars && file.mentionsVar(owner.pos, owner.end);

  /** `own`: at this scope's level, not inside a nested block whose `var`s alone belong here. */
  const visit = (node: ts.Node, own: boolean): void => {
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
    switch (node.kind) {
      case Kind.InterfaceDeclaration:
      case Kind.TypeAliasDeclaration:
        if (own) declareType((node as ts.InterfaceDeclaration | ts.TypeAliasDeclaration).name);
        return;
      case Kind.FunctionDeclaration:
      case Kind.ClassDeclaration: {
        const name = (node as ts.FunctionDeclaration | ts.ClassDeclaration).name;
        if (own && name) declare(name, node.kind === Kind.FunctionDeclaration ? "function" : "class", node);
        return;
      }
      case Kind.ModuleBlock:
        return;
      case Kind.Block:
      case Kind.ForStatement:
      case Kind.ForInStatement:
      case Kind.ForOfStatement:
      case Kind.CaseBlock:
      case Kind.CatchClause:
        if (hoists) ts.forEachChild(node, (child) => visit(child, false));
        return;
      case Kind.VariableDeclaration: {
        const v = node as ts.VariableDeclaration;
        if (ts.isCatchClause(v.parent)) return;
        const flags = v.parent.flags;
        const kind: BindingKind = flags & ts.NodeFlags.Const ? "const" : flags & (ts.NodeFlags.Let | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing) ? "let" : "var";
        if (kind === "var" ? ownsVars : own) declare(v.name, kind, v, ts.isIdentifier(v.name) ? v.initializer : undefined);
        return;
      }
      case Kind.ImportDeclaration: {
        const clause = (node as ts.ImportDeclaration).importClause;
        if (!own || !clause) return;
        if (clause.name) declare(clause.name, "import", clause);
        const named = clause.namedBindings;
        if (named && ts.isNamespaceImport(named)) declare(named.name, "import", named);
        else if (named) for (const el of named.elements) declare(el.name, "import", el);
        return;
      }
      case Kind.ImportEqualsDeclaration:
        if (own) declare((node as ts.ImportEqualsDeclaration).name, "import", node);
        return;
      case Kind.EnumDeclaration:
      case Kind.ModuleDeclaration: {
        const name = (node as ts.EnumDeclaration | ts.ModuleDeclaration).name;
        if (own && ts.isIdentifier(name)) declare(name, "enum", node);
        // `namespace A.B {}`: B is declared beside A.
        if (ts.isModuleDeclaration(node) && node.body && ts.isModuleDeclaration(node.body)) visit(node.body, own);
        return;
      }
      default:
        if (isFunctionLike(node) || ts.isClassExpression(node) || ts.isExpression(node)) return;
        ts.forEachChild(node, (child) => visit(child, own));
    }
  };

  if (isFunctionLike(owner)) {
    if (ts.isFunctionExpression(owner) && owner.name) declare(owner.name, "function", owner);
    for (const p of owner.parameters) declare(p.name, "param", p);
    if (owner.body && ts.isBlock(owner.body)) for (const s of owner.body.statements) visit(s, true);
  } else if (ts.isClassExpression(owner)) {
    if (owner.name) declare(owner.name, "class", owner);
  } else if (ts.isCatchClause(owner)) {
    if (owner.variableDeclaration) declare(owner.variableDeclaration.name, "catch", owner.variableDeclaration);
  } else if (!ts.isClassDeclaration(owner)) {
    ts.forEachChild(owner, (child) => visit(child, true));
  }
  if (d.types) {
    for (const [name, ids] of d.types) {
      const b = d.values.get(name);
      if (b) b.typeDeclarations = ids;
    }
  }
  return d;
}
