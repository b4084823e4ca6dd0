import { defineRule, type PlainRule, type RuleMeta } from "../../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../../server/src/engine/language";
import type { TaintKind } from "./spec";

/** A taint rule: its checks are the engine's flows into the sinks of its kind. */
export interface TaintRule extends PlainRule {
  readonly id: TaintKind;
  /** How a message names the sink: "`req.query.id` (line 3) reaches <sink>". */
  readonly sink: string;
}

type TaintMeta = Omit<RuleMeta, "id" | "languages" | "confidence"> & { id: TaintKind; sink: string };

/** Flows from a named source are as sure as a pattern gets: high confidence, so they replace pattern findings at the same sink. */
const taintRule = (meta: TaintMeta): TaintRule =>
  defineRule({ ...meta, engine: "plain", confidence: "high", languages: JS_LANGUAGES });

export const TAINT_RULES: readonly TaintRule[] = [
  taintRule({
    id: "js/sql-injection", title: "SQL injection", sink: "a SQL query", severity: "critical", cwe: ["CWE-89"], owasp: ["A03"], fixable: true,
    description: "Untrusted input is built into a SQL query string instead of being passed as a bound parameter.",
  }),
  taintRule({
    id: "js/nosql-injection", title: "NoSQL injection", sink: "a database query filter", severity: "high", cwe: ["CWE-943"], owasp: ["A03"],
    description: "Untrusted objects reach a MongoDB or Mongoose query filter, where they can inject query operators.",
  }),
  taintRule({
    id: "js/command-injection", title: "OS command injection", sink: "a shell command", severity: "critical", cwe: ["CWE-78"], owasp: ["A03"], fixable: true,
    description: "Untrusted input reaches a command that a shell interprets.",
  }),
  taintRule({
    id: "js/code-injection-taint", title: "Code injection from untrusted input", sink: "code that is evaluated", severity: "critical", cwe: ["CWE-95", "CWE-94"], owasp: ["A03"],
    description: "Untrusted input reaches eval, the Function constructor, the vm module or a string timer.",
  }),
  taintRule({
    id: "js/path-traversal", title: "Path traversal", sink: "a file system path", severity: "high", cwe: ["CWE-22"], owasp: ["A01"],
    description: "Untrusted input decides which file is read, written or sent, so it can reach outside the intended folder.",
  }),
  taintRule({
    id: "js/ssrf", title: "Server-side request forgery", sink: "the URL of an outgoing request", severity: "high", cwe: ["CWE-918"], owasp: ["A10"],
    description: "Untrusted input decides the host of an HTTP request the server makes.",
  }),
  taintRule({
    id: "js/open-redirect", title: "Open redirect", sink: "a redirect target", severity: "medium", cwe: ["CWE-601"], owasp: ["A01"],
    description: "Untrusted input decides where the user is redirected, so a link on this site can send users to any site.",
  }),
  taintRule({
    id: "js/reflected-xss", title: "Reflected cross-site scripting", sink: "an HTML response", severity: "high", cwe: ["CWE-79"], owasp: ["A03"],
    description: "Untrusted input is written into an HTML response without encoding.",
  }),
  taintRule({
    id: "js/dom-xss", title: "DOM-based cross-site scripting", sink: "HTML or a URL in the page", severity: "high", cwe: ["CWE-79"], owasp: ["A03"],
    description: "Data from the URL, the referrer, cookies or messages is written into the page as HTML or as a link.",
  }),
  taintRule({
    id: "js/redos", title: "Regular expression built from untrusted input", sink: "a regular expression", severity: "medium", cwe: ["CWE-1333"], owasp: ["A03"],
    description: "Untrusted input is compiled as a regular expression, which can hang the process or change what matches.",
  }),
  taintRule({
    id: "js/template-injection", title: "Server-side template injection", sink: "a template that is compiled", severity: "critical", cwe: ["CWE-1336"], owasp: ["A03"],
    description: "Untrusted input is compiled as a template (ejs, pug, handlebars, nunjucks, lodash), which runs code on the server.",
  }),
  taintRule({
    id: "js/unsafe-deserialization", title: "Unsafe deserialisation", sink: "a deserialiser that can run code", severity: "critical", cwe: ["CWE-502"], owasp: ["A08"],
    description: "Untrusted input is deserialised by a library that can rebuild functions and run them.",
  }),
  taintRule({
    id: "js/xxe", title: "XML external entity expansion", sink: "an XML parser that expands entities", severity: "high", cwe: ["CWE-611"], owasp: ["A05"],
    description: "Untrusted XML is parsed with external entities enabled, which can read local files or reach internal hosts.",
  }),
  taintRule({
    id: "js/prototype-pollution", title: "Prototype pollution", sink: "an object key path", severity: "high", cwe: ["CWE-1321"], owasp: ["A03"],
    description: "Untrusted keys or objects are merged or assigned along a path, so `__proto__` can change every object in the process.",
  }),
  taintRule({
    id: "js/header-injection", title: "HTTP header built from untrusted input", sink: "a response header", severity: "medium", cwe: ["CWE-113"], owasp: ["A03"],
    description: "Untrusted input is set as a response header value.",
  }),
];

export const TAINT_RULE_BY_ID: ReadonlyMap<string, TaintRule> = new Map(TAINT_RULES.map((r) => [r.id, r]));
