/**
 * eslint-plugin-security's detect-unsafe-regex, with the same judge (the safe-regex package):
 * regex literals, and `new RegExp(literal)`. Like the plugin, a regex literal is judged by its
 * whole text (`/a+/g`, slashes and flags included) and a `new RegExp` argument by its value.
 */
import ts from "typescript";
import safeRegex from "safe-regex";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, literalValue, withoutParens } from "./estree";

/** safe-regex parses every pattern it judges; the same patterns recur across files. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

function isSafe(pattern: unknown): boolean {
  if (typeof pattern !== "string") return safeRegex(pattern);
  let safe = verdicts.get(pattern);
  if (safe === undefined) {
    safe = safeRegex(pattern);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(pattern, safe);
  }
  return safe;
}

const check: SecurityCheck = {
  // Every regex literal has a slash.
  triggers: ["/", "RegExp", IDENTIFIER_ESCAPE],
  messages: {
    literal: "Unsafe Regular Expression",
    newRegExp: "Unsafe Regular Expression (new RegExp)",
  },
  create(context) {
    return {
      RegularExpressionLiteral(node) {
        if (!isSafe(context.textOf(node))) context.report({ node, messageId: "literal" });
      },
      NewExpression(node) {
        const callee = withoutParens(node.expression);
        if (!ts.isIdentifier(callee) || callee.text !== "RegExp") return;
        const first = node.arguments?.[0];
        const literal = first && literalValue(first);
        if (literal && !isSafe(literal.value)) context.report({ node, messageId: "newRegExp" });
      },
    };
  },
};

export default check;
