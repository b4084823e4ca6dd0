/**
 * The shapes of taint specifications. Sources, sinks and sanitisers are data, one table per
 * framework or library; the engine (server/src/engine/js/taint) only interprets them.
 */

/** A taint rule id doubles as the sink kind: a flow is reported by the rule of the sink it reaches. */
export type TaintKind =
  | "js/sql-injection"
  | "js/nosql-injection"
  | "js/command-injection"
  | "js/code-injection-taint"
  | "js/path-traversal"
  | "js/ssrf"
  | "js/open-redirect"
  | "js/reflected-xss"
  | "js/dom-xss"
  | "js/redos"
  | "js/template-injection"
  | "js/unsafe-deserialization"
  | "js/xxe"
  | "js/prototype-pollution"
  | "js/header-injection";

/**
 * Where untrusted data enters. `on` names the object the path starts from: "request" is any
 * request-like value (a variable named req/request/ctx, or the first parameter of a route
 * handler); anything else is a global (`location`, `document`, `process`), reached directly or
 * through `window.`/`self.`/`globalThis.`.
 */
export interface SourceSpec {
  framework: string;
  on: "request" | string;
  /** Property path after `on`; a longer access (`req.query.name`) matches its prefix. */
  path: readonly string[];
  /** The source is a call of the last path element (`req.get("Referer")`, `useSearchParams()`). */
  call?: boolean;
  /** The value can be an object or array (parsed query strings, JSON bodies), not only a string. */
  object: boolean;
  /** Variable names this request field does not apply to (Koa's `ctx.body` is the response). */
  notOn?: readonly string[];
  /** Input from whoever runs the program: reported only for these kinds. */
  onlyFor?: readonly TaintKind[];
}

/**
 * Extra conditions a sink needs, checked by the engine on the call:
 * - shell-option: an options argument with `shell: true` (or a shell as the command);
 * - unsafe-yaml-schema: a js-yaml schema that can build functions;
 * - noent-option: libxmljs `noent: true`;
 * - no-root-option: res.sendFile/download without a `root` option;
 * - deep-flag: jQuery.extend(true, ...);
 */
export type SinkCondition = "shell-option" | "unsafe-yaml-schema" | "noent-option" | "no-root-option" | "deep-flag";

export interface CallSinkSpec {
  kind: TaintKind;
  library: string;
  /** Canonical callee names: module-qualified for imports ("child_process.exec"), plain for globals ("eval"). */
  callees?: readonly string[];
  /** Method names on receivers whose name matches `receiver` (instances the engine cannot name). */
  methods?: readonly string[];
  receiver?: RegExp;
  /** Receivers created by these modules also match (`const pool = new pg.Pool()`). */
  receiverModules?: readonly string[];
  /** Argument positions that must not be tainted; "last" for the final one. */
  args: readonly (number | "last")[];
  /** Also matches `new Callee(...)`; "only" matches only a construction. */
  construct?: boolean | "only";
  when?: SinkCondition;
  /** The argument is a query filter: tainted objects (operator injection) or `$where` strings. */
  filterObject?: boolean;
  /** The argument is an object of headers (`res.writeHead(302, { Location: url })`). */
  headersObject?: boolean;
}

/** Assignments to a property: `el.innerHTML = v`, `location.href = v`, `ctx.body = v`. */
export interface PropertySinkSpec {
  kind: TaintKind;
  library: string;
  property: string;
  /** Receiver names that qualify (normalised: `window.location` is `location`); absent means any. */
  on?: readonly string[];
  /** Only when the assigned string is built with HTML markup (`<` in its constant parts). */
  htmlOnly?: boolean;
}

/** JSX attributes: `dangerouslySetInnerHTML={{ __html: v }}`, `href={v}`. */
export interface JsxSinkSpec {
  kind: TaintKind;
  library: string;
  attribute: string;
  /** For dangerouslySetInnerHTML: the property of the object literal that holds the HTML. */
  field?: string;
  /** URL attributes: a value with a fixed scheme and host is safe. */
  url?: boolean;
}

export interface SanitizerSpec {
  library: string;
  /** Canonical callee names, as for sinks. */
  callees?: readonly string[];
  /** Methods on any receiver (`str.replace` is not one: too easy to get wrong). */
  methods?: readonly string[];
  clears: readonly TaintKind[] | "all";
}

/** Calls whose result carries the taint of their arguments (module and global helpers). */
export interface PropagatorSpec {
  library: string;
  callees: readonly string[];
}
