/**
 * Where a value comes from in a module: `fs.promises.readFile` with `const fs = require("fs")`
 * is the access path ["promises", "readFile"] of package "fs". The same tracking as
 * eslint-plugin-security's: through `require("<package>")` with a literal name, `import`
 * declarations, variables initialised from them (destructuring included) and non-computed member
 * accesses; identifiers are looked up by name from the node being checked.
 */
import ts from "../../server/src/engine/js/typescript";
import type { NativeContext } from "../../server/src/engine/js/native/api";
import { calleeIdentifier, esExpression, esOperand, esStringLiteral } from "./es-view";
import { isEstreeCall as isEsCall, memberPropertyName } from "./estree";
import { findVariable } from "./variables";

export interface ImportPath {
  /** Property names from the module to the value. */
  path: string[];
  packageName: string;
}

/** The access path of `node` into one of `packages`, looked up from `at`; undefined when it is not one. */
export function importAccessPath(context: NativeContext, node: ts.Node | undefined, at: ts.Node, packages: readonly string[]): ImportPath | undefined {
  const tracked = new Set<ts.Node>();
  const follow = (n: ts.Node | undefined): ImportPath | undefined => {
    if (!n || tracked.has(n)) return undefined;
    tracked.add(n);
    if (ts.isIdentifier(n)) return fromVariable(n);
    if (ts.isPropertyAccessExpression(n)) {
      const object = follow(esOperand(n.expression));
      return object && { path: [...object.path, memberPropertyName(n)!], packageName: object.packageName };
    }
    const packageName = isEsCall(n) ? requiredPackage(n) : undefined;
    return packageName !== undefined && packages.includes(packageName) ? { path: [], packageName } : undefined;
  };
  const fromVariable = (id: ts.Identifier): ImportPath | undefined => {
    const variable = findVariable(context, id.text, at);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      if (def.type !== "Variable" || !def.declarator.initializer) continue;
      const name = def.declarator.name;
      if (ts.isArrayBindingPattern(name)) return undefined;
      const property = ts.isObjectBindingPattern(name) ? destructuredKey(name, id.text) : undefined;
      const init = follow(esExpression(def.declarator.initializer));
      return init && { path: property ? [...init.path, property] : init.path, packageName: init.packageName };
    }
    for (const def of variable.defs) {
      if (def.type !== "Import") continue;
      const declaration = importDeclarationOf(def.specifier);
      const packageName = esStringLiteral(declaration.moduleSpecifier);
      if (packageName === undefined || !packages.includes(packageName)) continue;
      const imported = ts.isImportSpecifier(def.specifier) ? importedName(def.specifier) : undefined;
      return { path: imported ? [imported] : [], packageName };
    }
    return undefined;
  };
  return follow(node);
}

/** The package of `require("<name>")` (any callee named require, a literal first argument). */
export function requiredPackage(call: ts.CallExpression): string | undefined {
  if (calleeIdentifier(call) !== "require" || call.arguments.length === 0) return undefined;
  return esStringLiteral(call.arguments[0]);
}

/**
 * The key `name` is destructured from (`{ key: name }`, `{ name }`); undefined when the name is
 * nested deeper, has a default or the key is not a plain identifier, in which case the plugin
 * takes the whole value.
 */
function destructuredKey(pattern: ts.ObjectBindingPattern, name: string): string | undefined {
  const element = pattern.elements.find((e) => !e.dotDotDotToken && !e.initializer && ts.isIdentifier(e.name) && e.name.text === name);
  if (!element) return undefined;
  const key = element.propertyName ?? element.name;
  return ts.isIdentifier(key) ? key.text : undefined;
}

function importedName(specifier: ts.ImportSpecifier): string | undefined {
  const imported = specifier.propertyName ?? specifier.name;
  return ts.isIdentifier(imported) ? imported.text : undefined;
}

function importDeclarationOf(specifier: ts.ImportClause | ts.ImportSpecifier | ts.NamespaceImport): ts.ImportDeclaration | ts.JSDocImportTag {
  return ts.isImportClause(specifier) ? specifier.parent : ts.isNamespaceImport(specifier) ? specifier.parent.parent : specifier.parent.parent.parent;
}
