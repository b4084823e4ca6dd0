/**
 * eslint-plugin-security's detect-unsafe-regex, with the same judge (the safe-regex package):
 * regex literals, and `new RegExp(literal)`. Like the plugin, a regex literal is judged by its
 * whole text (`/a+/g`, slashes and flags included) and a `new RegExp` argument by its value.
 */
import ts from "../../server/src/engine/js/typescript";
import safeRegex from "safe-regex";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, literalValue, withoutParens } from "./estree";

/** safe-regex parses every pattern it judges (about a millisecond each); the same patterns recur across files. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

function isSafe(pattern: unknown): boolean {
  if (typeof pattern !== "string") return safeRegex(pattern);
  let safe = verdicts.get(pattern);
  if (safe === undefined) {
    safe = safeRegexVerdict(pattern);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(pattern, safe);
  }
  return safe;
}

/**
 * safe-regex's verdict on a pattern. It calls a pattern unsafe when `new RegExp(pattern)` throws,
 * or when its parse has nested repetitions or more than 25 of them. Each repetition starts with one
 * of `*+?{`, so with at most one of those characters only the first can happen: that verdict is
 * taken without the parse (seven in ten distinct patterns of the bench corpus).
 */
export function safeRegexVerdict(pattern: string): boolean {
  return hasAtMostOneQuantifier(pattern) ? compiles(pattern) : safeRegex(pattern);
}

function hasAtMostOneQuantifier(pattern: string): boolean {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if ((c === 0x2a || c === 0x2b || c === 0x3f || c === 0x7b) && ++count > 1) return false;
  }
  return true;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
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
