/**
 * Variables as ESLint's scope analysis gives them to eslint-plugin-security: one variable per name
 * and scope with every declaration of that name in the scope (`var x` twice, a parameter and a
 * `var`, a const and a type of the same name), looked up by name from a given node.
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
 * The globals Vigil declares when it judges names, as a Node project's ESLint set-up does (Node's
 * CommonJS globals; test/security-parity.test.ts runs the plugin so): variables without
 * definitions. Any other undeclared name has no variable at all.
 */
const DECLARED_GLOBALS = new Set(["__dirname", "__filename", "require", "module", "exports"]);
const GLOBAL: Variable = { defs: [] };

/** The variable `name` refers to at `at` (the plugin's findVariable from the scope of `at`). */
export function findVariable(context: NativeContext, name: string, at: ts.Node): Variable | undefined {
  const binding = context.scope.lookup(name, at);
  if (binding) return { binding, defs: definitionsOf(binding) };
  return DECLARED_GLOBALS.has(name) ? GLOBAL : undefined;
}

/** True when a variable is never written after its declaration (ESLint: every reference read-only). */
export function isNeverReassigned(variable: Variable): boolean {
  return !variable.binding || variable.binding.references.every((r) => !r.write);
}

const definitions = new WeakMap<Binding, Definition[]>();

function definitionsOf(binding: Binding): Definition[] {
  let defs = definitions.get(binding);
  if (!defs) {
    const ids = binding.typeDeclarations.length === 0 ? binding.declarations : [...binding.declarations, ...binding.typeDeclarations].sort((a, b) => a.pos - b.pos);
    defs = ids.map(definitionAt);
    definitions.set(binding, defs);
  }
  return defs;
}

function definitionAt(id: ts.Identifier): Definition {
  let n: ts.Node = id.parent;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  if (ts.isVariableDeclaration(n) && !ts.isCatchClause(n.parent)) return { type: "Variable", declarator: n };
  if (ts.isImportClause(n) || ts.isImportSpecifier(n) || ts.isNamespaceImport(n)) return { type: "Import", specifier: n };
  return { type: "Other" };
}
