/**
 * Variables as ESLint's scope analysis gives them to eslint-plugin-security: one variable per name
 * and scope with every declaration of that name in the scope (`var x` twice, a parameter and a
 * `var`, a const and a type of the same name), looked up by name from a given node. Built on the
 * file's native scope; the declarations of a file are indexed once, on first need.
 */
import ts from "../../server/src/engine/js/typescript";
import type { NativeContext } from "../../server/src/engine/js/native/api";
import type { Binding } from "../../server/src/engine/js/native/scope";

export type Definition =
  | { type: "Variable"; declarator: ts.VariableDeclaration }
  | { type: "Import"; specifier: ts.ImportClause | ts.ImportSpecifier | ts.NamespaceImport }
  | { type: "Other" };

export interface Variable {
  /** Undefined for a declared global. */
  binding?: Binding;
  defs: readonly Definition[];
}

/**
 * The globals Vigil declares when it runs the plugin (server/src/engine/js/eslint-analyzer.ts):
 * variables without definitions. Any other undeclared name has no variable at all.
 */
const DECLARED_GLOBALS = new Set(["__dirname", "__filename", "require", "module", "exports"]);
const GLOBAL: Variable = { defs: [] };

/** The variable `name` refers to at `at` (the plugin's findVariable from the scope of `at`). */
export function findVariable(context: NativeContext, name: string, at: ts.Node): Variable | undefined {
  const binding = context.scope.lookup(name, at);
  if (binding && isVisible(binding, at)) return { binding, defs: definitionsOf(context, binding) };
  return DECLARED_GLOBALS.has(name) ? GLOBAL : undefined;
}

/** True when a variable is never written after its declaration (ESLint: every reference read-only). */
export function isNeverReassigned(variable: Variable): boolean {
  return !variable.binding || variable.binding.references.every((r) => !r.write);
}

/**
 * The native scope hoists a `var` in a namespace or a class static block out to the enclosing
 * function; ESLint keeps it there, so it is not seen from outside.
 */
function isVisible(binding: Binding, at: ts.Node): boolean {
  if (binding.kind !== "var") return true;
  let owner: ts.Node | undefined = binding.declaration.parent;
  while (owner && !isFunctionScope(owner) && !ts.isModuleBlock(owner) && !ts.isClassStaticBlockDeclaration(owner)) owner = owner.parent;
  if (!owner || isFunctionScope(owner)) return true;
  for (let n: ts.Node | undefined = at; n; n = n.parent) if (n === owner) return true;
  return false;
}

type DeclarationIndex = Map<string, ts.Identifier[]>;
const indexes = new WeakMap<ts.SourceFile, DeclarationIndex>();
const definitions = new WeakMap<Binding, Definition[]>();

function definitionsOf(context: NativeContext, binding: Binding): Definition[] {
  let defs = definitions.get(binding);
  if (!defs && occursExactly(context.text, binding.name, binding.references.length + 1)) {
    // Every occurrence of the name is this binding's declaration or one of its uses: no other declaration.
    defs = [definitionAt(binding.id)];
    definitions.set(binding, defs);
  }
  if (!defs) {
    const sites = declarationIndex(context.file).get(binding.name) ?? [binding.id];
    defs = sites.filter((id) => declares(context, id, binding)).map(definitionAt);
    if (defs.length === 0) defs = [definitionAt(binding.id)];
    definitions.set(binding, defs);
  }
  return defs;
}

/** ASCII only: a longer non-ASCII name then counts as an occurrence too, which errs on the safe side (the full index). */
const IDENTIFIER_PART = /[\w$]/;

/** True when `name` stands in the text as a whole word (in code, comments or strings alike) exactly `expected` times. */
function occursExactly(text: string, name: string, expected: number): boolean {
  let count = 0;
  for (let i = text.indexOf(name); i !== -1 && count <= expected; i = text.indexOf(name, i + name.length)) {
    const before = text[i - 1];
    const after = text[i + name.length];
    if ((before === undefined || !IDENTIFIER_PART.test(before)) && (after === undefined || !IDENTIFIER_PART.test(after))) count++;
  }
  return count === expected;
}

/** Does the declared name `id` belong to `binding`? Type declarations are outside the native scope: same scope, same name. */
function declares(context: NativeContext, id: ts.Identifier, binding: Binding): boolean {
  if (ts.isTypeAliasDeclaration(id.parent) || ts.isInterfaceDeclaration(id.parent)) {
    return scopeOwner(id.parent) === scopeOwner(binding.declaration, binding.kind === "var");
  }
  return context.scope.resolve(id) === binding;
}

function definitionAt(id: ts.Identifier): Definition {
  let n: ts.Node = id.parent;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  if (ts.isVariableDeclaration(n) && !ts.isCatchClause(n.parent)) return { type: "Variable", declarator: n };
  if (ts.isImportClause(n) || ts.isImportSpecifier(n) || ts.isNamespaceImport(n)) return { type: "Import", specifier: n };
  return { type: "Other" };
}

function isFunctionScope(n: ts.Node): boolean {
  return ts.isSourceFile(n) || ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);
}

/** The node whose scope holds a declaration, as the native scope nests them (a function body is its function). */
function scopeOwner(declaration: ts.Node, hoisted = false): ts.Node | undefined {
  for (let n = declaration.parent; n; n = n.parent) {
    if (isFunctionScope(n)) return n;
    if (hoisted) continue;
    if (ts.isBlock(n)) return isFunctionScope(n.parent) ? n.parent : n;
    if (ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isCaseBlock(n) || ts.isModuleBlock(n) || ts.isCatchClause(n) || ts.isClassLike(n)) return n;
  }
  return undefined;
}

/** Every declared name of the file, by name, in source order. */
function declarationIndex(sf: ts.SourceFile): DeclarationIndex {
  let index = indexes.get(sf);
  if (index) return index;
  const byName: DeclarationIndex = new Map();
  index = byName;
  const add = (name: ts.Node | undefined) => {
    if (!name) return;
    if (ts.isIdentifier(name)) {
      const list = byName.get(name.text);
      if (list) list.push(name);
      else byName.set(name.text, [name]);
    } else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
      for (const el of name.elements) if (ts.isBindingElement(el)) add(el.name);
    }
  };
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.Parameter:
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
      case ts.SyntaxKind.ImportClause:
      case ts.SyntaxKind.ImportSpecifier:
      case ts.SyntaxKind.NamespaceImport:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.ModuleDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
        add((node as ts.NamedDeclaration).name);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  indexes.set(sf, index);
  return index;
}
