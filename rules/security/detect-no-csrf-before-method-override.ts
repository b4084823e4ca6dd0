/**
 * eslint-plugin-security's detect-no-csrf-before-method-override: in source order, a call on
 * `express` naming `methodOverride` after one naming `csrf` (Express 3 middleware). Like the
 * plugin, a call counts when its first token is the identifier `express` as written.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { IDENTIFIER_ESCAPE, memberPropertyName, withoutParens } from "./estree";

const EXPRESS = "express";

/** True when the text at `start` is the token `express`: the name, then no further identifier character. */
function startsWithExpressToken(text: string, start: number): boolean {
  if (!text.startsWith(EXPRESS, start)) return false;
  const next = text.codePointAt(start + EXPRESS.length);
  // A backslash continues the name with an escape (`express\u0031`).
  return next === undefined || (next !== 0x5c && !ts.isIdentifierPart(next, ts.ScriptTarget.Latest));
}

const check: SecurityCheck = {
  triggers: ["methodOverride", IDENTIFIER_ESCAPE],
  messages: { order: "express.csrf() middleware found before express.methodOverride()" },
  create(context) {
    let csrfSeen = false;
    return {
      CallExpression(node) {
        const callee = withoutParens(node.expression);
        if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return;
        const name = memberPropertyName(callee);
        if ((name !== "methodOverride" && name !== "csrf") || !startsWithExpressToken(context.text, context.startOf(node))) return;
        if (name === "methodOverride" && csrfSeen) context.report({ node, messageId: "order" });
        if (name === "csrf") csrfSeen = true;
      },
    };
  },
};

export default check;
