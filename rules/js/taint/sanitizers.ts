import type { PropagatorSpec, SanitizerSpec, TaintKind } from "./spec";

const URL_KINDS: readonly TaintKind[] = ["js/ssrf", "js/open-redirect", "js/reflected-xss", "js/dom-xss", "js/header-injection"];
const HTML_KINDS: readonly TaintKind[] = ["js/reflected-xss", "js/dom-xss"];

export const SANITIZERS: readonly SanitizerSpec[] = [
  // Numbers and booleans carry no markup, path, command or operator.
  { library: "ECMAScript", callees: ["Number", "parseInt", "parseFloat", "Boolean", "Math.floor", "Math.round", "Math.ceil", "Math.trunc", "Math.abs", "Math.min", "Math.max", "Number.parseInt", "Number.parseFloat", "Date.parse"], clears: "all" },
  { library: "ECMAScript", methods: ["toFixed", "getTime", "valueOf", "indexOf", "lastIndexOf", "search", "charCodeAt", "codePointAt", "localeCompare", "includes", "startsWith", "endsWith", "test", "has"], clears: "all" },
  // A string cannot smuggle a query operator.
  { library: "ECMAScript", callees: ["String"], methods: ["toString"], clears: ["js/nosql-injection"] },
  { library: "ECMAScript", callees: ["encodeURIComponent", "querystring.escape", "querystring.stringify"], clears: URL_KINDS },
  { library: "escape-html, he, lodash, validator, xss, sanitize-html, DOMPurify", callees: ["escape-html", "he.encode", "he.escape", "lodash.escape", "validator.escape", "xss", "xss.filterXSS", "sanitize-html", "DOMPurify.sanitize", "dompurify.sanitize", "isomorphic-dompurify.sanitize", "entities.encode", "entities.encodeHTML", "html-entities.encode"], clears: HTML_KINDS },
  { library: "path", callees: ["path.basename"], clears: ["js/path-traversal"] },
  { library: "mysql, sqlstring, pg-format", callees: ["mysql.escape", "mysql2.escape", "sqlstring.escape", "mysql.format", "mysql2.format", "sqlstring.format", "pg-format"], methods: ["escape", "escapeId", "escapeLiteral", "escapeIdentifier"], clears: ["js/sql-injection"] },
  { library: "shell-quote, shell-escape", callees: ["shell-quote.quote", "shell-escape", "shescape.quote"], clears: ["js/command-injection"] },
  { library: "lodash, escape-string-regexp", callees: ["lodash.escapeRegExp", "escape-string-regexp", "escapeRegExp", "escapeRegex", "escapeStringRegexp"], clears: ["js/redos"] },
  { library: "mongo-sanitize, express-mongo-sanitize", callees: ["mongo-sanitize", "express-mongo-sanitize.sanitize"], clears: ["js/nosql-injection"] },
];

/** Calls of our own helpers whose names say they clean their input, in any library we do not know. */
export const SANITIZER_NAME = /^(escape|sanitize|sanitise|encode|purify|quote)|(Escape|Sanitize|Sanitise|Encode|Encoded|Escaped|Purify|Quote)[A-Za-z]*$/;

export const PROPAGATORS: readonly PropagatorSpec[] = [
  { library: "ECMAScript", callees: ["decodeURIComponent", "decodeURI", "encodeURI", "unescape", "JSON.parse", "JSON.stringify", "Object.assign", "Object.values", "Object.entries", "Array.from", "Array.of", "Promise.resolve", "Promise.all", "Buffer.from", "atob", "btoa", "URL", "URLSearchParams", "structuredClone"] },
  { library: "path, url, util, querystring", callees: ["path.join", "path.resolve", "path.normalize", "path.format", "path.relative", "url.parse", "url.resolve", "url.format", "url.URL", "util.format", "querystring.parse", "querystring.decode", "qs.parse"] },
];

/** Methods that put their arguments into the receiver (`parts.push(v)`, `params.append(k, v)`). */
export const MUTATOR_METHODS: readonly string[] = ["push", "unshift", "splice", "append", "set", "add", "fill"];

/** Methods whose result also carries their arguments' taint (`a.concat(b)`, `s.replace(x, v)`). */
export const COMBINING_METHODS: readonly string[] = ["concat", "replace", "replaceAll", "padStart", "padEnd", "join"];

/** Callback-taking methods whose callback's first parameter is the receiver's element or value. */
export const ELEMENT_CALLBACK_METHODS: readonly string[] = ["then", "map", "forEach", "filter", "find", "some", "every", "flatMap", "reduce", "finally", "catch"];
