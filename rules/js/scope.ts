/**
 * Questions that need ESLint's scope analysis. Kept apart from ast.ts: when rules move to a
 * cheaper tree, this file is the one to replace.
 */
import type { Rule, Scope } from "eslint";
import type * as ESTree from "estree";
import type { Node } from "./ast";

function variableOf(context: Rule.RuleContext, id: ESTree.Identifier): Scope.Variable | undefined {
  for (let scope: Scope.Scope | null = context.sourceCode.getScope(id as Node); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (v) return v;
  }
  return undefined;
}

/**
 * What an identifier holds when it is bound once and never reassigned: a declarator's initial
 * value or a function declaration. Undefined otherwise.
 */
export function resolveValue(context: Rule.RuleContext, id: ESTree.Identifier): Node | undefined {
  const v = variableOf(context, id);
  const def = v?.defs.length === 1 ? v.defs[0] : undefined;
  if (!v || !def) return undefined;
  if (def.type === "FunctionName") return def.node as Node;
  if (def.type !== "Variable" || def.node.id.type !== "Identifier" || !def.node.init) return undefined;
  const writes = v.references.filter((r) => r.isWrite());
  return writes.length <= 1 ? (def.node.init as Node) : undefined;
}

/** Every read of the variable a declarator's identifier declares. */
export function readsOf(context: Rule.RuleContext, declared: ESTree.Identifier): ESTree.Identifier[] {
  const v = variableOf(context, declared);
  return v ? v.references.filter((r) => r.isRead()).map((r) => r.identifier as ESTree.Identifier) : [];
}
