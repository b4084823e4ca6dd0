import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { calleeName, hasSpread, isFalse, memberPath, objectProperty, staticString, type Node } from "./ast";
import { isSessionCookieName } from "./names";

const FLAGS = ["httpOnly", "secure"] as const;
type Flag = (typeof FLAGS)[number];

/**
 * A cookie being set and which flags matter when left out: Express `res.cookie` and Fastify
 * `reply.setCookie` default both off; express-session defaults httpOnly on; Koa and cookie-session
 * default both sensibly, so only an explicit `false` counts there.
 */
export interface CookieSite {
  options: ESTree.ObjectExpression | undefined;
  /** Where a missing options object would go: after this argument. */
  after: Node;
  mustSet: readonly Flag[];
}

const RESPONSE = /^(res|response|reply)$/;

export function cookieSite(call: ESTree.CallExpression): CookieSite | undefined {
  const name = calleeName(call);
  const args = call.arguments as Node[];
  const owner = call.callee.type === "MemberExpression" ? memberPath(call.callee.object as Node) : undefined;
  const optionsAt = (i: number) => (args[i]?.type === "ObjectExpression" ? (args[i] as ESTree.ObjectExpression) : undefined);
  if ((name === "cookie" || name === "setCookie") && owner && RESPONSE.test(owner.split(".").pop()!) && args.length >= 2) {
    const cookieName = staticString(args[0]);
    if (cookieName === undefined || !isSessionCookieName(cookieName)) return undefined;
    // Options held in a variable cannot be judged here.
    if (args.length > 2 && !optionsAt(2)) return undefined;
    return { options: optionsAt(2), after: args[1]!, mustSet: FLAGS };
  }
  if (name === "set" && owner?.endsWith("cookies") && args.length >= 2) {
    const cookieName = staticString(args[0]);
    return cookieName !== undefined && isSessionCookieName(cookieName) && optionsAt(2) ? { options: optionsAt(2), after: args[1]!, mustSet: [] } : undefined;
  }
  const config = optionsAt(0);
  if ((name === "session" || name === "expressSession") && config && (objectProperty(config, "secret") || objectProperty(config, "store"))) {
    const cookie = objectProperty(config, "cookie")?.value;
    if (cookie && cookie.type !== "ObjectExpression") return undefined;
    return { options: cookie as ESTree.ObjectExpression | undefined, after: config, mustSet: cookie || !hasSpread(config) ? ["secure"] : [] };
  }
  if (name === "cookieSession" && config) return { options: config, after: config, mustSet: [] };
  return undefined;
}

/** Flags set to the literal `false`, and flags that must be set but are absent. */
export function cookieProblems(site: CookieSite): { disabled: ESTree.Property[]; missing: Flag[] } {
  const opts = site.options;
  const disabled = FLAGS.map((f) => (opts ? objectProperty(opts, f) : undefined)).filter((p): p is ESTree.Property => !!p && isFalse(p.value as Node));
  const missing = opts && hasSpread(opts) ? [] : site.mustSet.filter((f) => !opts || !objectProperty(opts, f));
  return { disabled, missing };
}

export default defineRule({
  id: "js/insecure-cookie",
  engine: "eslint",
  title: "Session cookie without HttpOnly or Secure",
  description: "Session and token cookies set without HttpOnly can be read by injected scripts, and without Secure travel over plain HTTP.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-614", "CWE-1004"],
  owasp: ["A05"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Turn the cookie flag on",
  messages: {
    disabled: "{{flag}}: false means this session cookie {{why}}.",
    missing: "This session cookie is set without {{flags}}, so it {{why}}.",
    addFlags: "Add {{flags}}",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    const why = (flags: readonly Flag[]) =>
      flags.map((f) => (f === "httpOnly" ? "can be read by any injected script" : "is sent over plain HTTP")).join(" and ");
    return {
      CallExpression(node: ESTree.CallExpression) {
        const site = cookieSite(node);
        if (!site) return;
        const { disabled, missing } = cookieProblems(site);
        for (const prop of disabled) {
          const flag = objectProperty(site.options!, "secure") === prop ? "secure" : "httpOnly";
          context.report({ node: prop, messageId: "disabled", data: { flag, why: why([flag]) }, fix: (f) => f.replaceText(prop.value, "true") });
        }
        if (missing.length === 0) return;
        const text = missing.map((f) => `${f}: true`).join(", ");
        const opts = site.options;
        const fix = (f: Rule.RuleFixer) => {
          if (opts) return addProperties(f, opts, text);
          // express-session without a cookie object: the flags go into a new `cookie` property.
          if (site.after.type === "ObjectExpression" && site.after !== node.arguments[1]) return addProperties(f, site.after, `cookie: { ${text} }`);
          return f.insertTextAfter(site.after, `, { ${text} }`);
        };
        context.report({
          node: opts ?? node,
          messageId: "missing",
          data: { flags: missing.join(" and "), why: why(missing) },
          suggest: [{ messageId: "addFlags", data: { flags: text }, fix }],
        });
      },
    };
  },
});

function addProperties(f: Rule.RuleFixer, obj: ESTree.ObjectExpression, text: string): Rule.Fix {
  const last = obj.properties[obj.properties.length - 1];
  return last ? f.insertTextAfter(last, `, ${text}`) : f.replaceText(obj, `{ ${text} }`);
}
