import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import type { NativeContext, NativeEdit } from "../../server/src/engine/js/native/api";
import { calleeName, edit, hasSpread, isFalse, isMemberAccess, memberPath, objectProperty, propertyValue, staticString, unwrap } from "./tree";
import { isSessionCookieName } from "./names";

const FLAGS = ["httpOnly", "secure"] as const;
type Flag = (typeof FLAGS)[number];
type Property = ts.PropertyAssignment | ts.ShorthandPropertyAssignment;

const COOKIE_CALLS = new Set(["cookie", "setCookie", "set", "session", "expressSession", "cookieSession"]);

/**
 * A cookie being set and which flags matter when left out: Express `res.cookie` and Fastify
 * `reply.setCookie` default both off; express-session defaults httpOnly on; Koa and cookie-session
 * default both sensibly, so only an explicit `false` counts there.
 */
export interface CookieSite {
  options: ts.ObjectLiteralExpression | undefined;
  /** Where a missing options object would go: after this argument. */
  after: ts.Node;
  mustSet: readonly Flag[];
}

const RESPONSE = /^(res|response|reply)$/;

export function cookieSite(call: ts.CallExpression): CookieSite | undefined {
  const name = calleeName(call);
  if (!name || !COOKIE_CALLS.has(name)) return undefined;
  const args = call.arguments;
  const callee = unwrap(call.expression);
  const owner = isMemberAccess(callee) ? memberPath(callee.expression) : undefined;
  const optionsAt = (i: number) => {
    const arg = args[i] && unwrap(args[i]);
    return arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  };
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
    const cookieProperty = objectProperty(config, "cookie");
    const cookie = cookieProperty && unwrap(propertyValue(cookieProperty));
    if (cookie && !ts.isObjectLiteralExpression(cookie)) return undefined;
    return { options: cookie, after: config, mustSet: cookie || !hasSpread(config) ? ["secure"] : [] };
  }
  if (name === "cookieSession" && config) return { options: config, after: config, mustSet: [] };
  return undefined;
}

/** Flags set to the literal `false`, and flags that must be set but are absent. */
export function cookieProblems(site: CookieSite): { disabled: Property[]; missing: Flag[] } {
  const opts = site.options;
  const disabled = FLAGS.map((f) => (opts ? objectProperty(opts, f) : undefined)).filter((p): p is Property => !!p && isFalse(propertyValue(p)));
  const missing = opts && hasSpread(opts) ? [] : site.mustSet.filter((f) => !opts || !objectProperty(opts, f));
  return { disabled, missing };
}

function addProperties(context: NativeContext, obj: ts.ObjectLiteralExpression, text: string): NativeEdit {
  const last = obj.properties[obj.properties.length - 1];
  return last ? edit.insertAfter(last, `, ${text}`) : edit.replace(context, obj, `{ ${text} }`);
}

export default defineRule({
  id: "js/insecure-cookie",
  engine: "native",
  title: "Session cookie without HttpOnly or Secure",
  description: "Session and token cookies set without HttpOnly can be read by injected scripts, and without Secure travel over plain HTTP.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-614", "CWE-1004"],
  owasp: ["A05"],
  languages: JS_LANGUAGES,
  fixable: true,
  fixTitle: "Turn the cookie flag on",
  // cookie, setCookie, cookies.set, session, expressSession, cookieSession.
  triggers: ["cookie", "Cookie", "session", "Session"],
  messages: {
    disabled: "{{flag}}: false means this session cookie {{why}}.",
    missing: "This session cookie is set without {{flags}}, so it {{why}}.",
    addFlags: "Add {{flags}}",
  },
  create(context) {
    const why = (flags: readonly Flag[]) =>
      flags.map((f) => (f === "httpOnly" ? "can be read by any injected script" : "is sent over plain HTTP")).join(" and ");
    return {
      CallExpression(node) {
        const site = cookieSite(node);
        if (!site) return;
        const { disabled, missing } = cookieProblems(site);
        for (const prop of disabled) {
          const flag = objectProperty(site.options!, "secure") === prop ? "secure" : "httpOnly";
          context.report({ node: prop, messageId: "disabled", data: { flag, why: why([flag]) }, fix: edit.replace(context, propertyValue(prop), "true") });
        }
        if (missing.length === 0) return;
        const text = missing.map((f) => `${f}: true`).join(", ");
        const opts = site.options;
        let fix: NativeEdit;
        if (opts) fix = addProperties(context, opts, text);
        // express-session without a cookie object: the flags go into a new `cookie` property.
        else if (ts.isObjectLiteralExpression(site.after) && site.after !== node.arguments[1]) fix = addProperties(context, site.after, `cookie: { ${text} }`);
        else fix = edit.insertAfter(site.after, `, { ${text} }`);
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
