import type { SourceSpec } from "./spec";

const requestFields = (framework: string, fields: readonly string[], object: boolean): SourceSpec[] =>
  fields.map((f) => ({ framework, on: "request", path: [f], object }));
const requestCalls = (framework: string, calls: readonly string[][], object = false): SourceSpec[] =>
  calls.map((path) => ({ framework, on: "request", path, call: true, object }));

/** Express (and Node `http`, whose `req.url`/`req.headers` Express keeps). */
export const EXPRESS_SOURCES: readonly SourceSpec[] = [
  ...requestFields("express", ["query", "cookies", "signedCookies"], true),
  { framework: "express", on: "request", path: ["body"], object: true, notOn: ["ctx"] },
  ...requestFields("express", ["params", "headers", "url", "originalUrl", "path", "hostname", "rawHeaders"], false),
  ...requestCalls("express", [["get"], ["header"], ["param"]]),
];

/** Koa: the context object (`ctx`) and its `request`. */
export const KOA_SOURCES: readonly SourceSpec[] = [
  ...requestFields("koa", ["request"], true),
  ...requestFields("koa", ["querystring", "href", "search"], false),
  ...requestCalls("koa", [["cookies", "get"]]),
];

/** Fastify and hapi name the parsed body `body` and `payload`. */
export const FASTIFY_SOURCES: readonly SourceSpec[] = [...requestFields("fastify/hapi", ["payload", "raw"], true)];

/** Next.js: API routes are Express-like; App Router handlers get a web `Request`. */
export const NEXT_SOURCES: readonly SourceSpec[] = [
  ...requestFields("next", ["nextUrl"], false),
  ...requestCalls("next", [["json"], ["formData"]], true),
  ...requestCalls("next", [["text"]]),
  { framework: "next", on: "useRouter", path: [], call: true, object: true },
  { framework: "next", on: "useSearchParams", path: [], call: true, object: false },
  { framework: "react-router", on: "useParams", path: [], call: true, object: false },
  { framework: "react-router", on: "useLocation", path: [], call: true, object: false },
];

/** Browser: the URL, the referrer, cookies, the window name; `message` event data is bound by the engine. */
export const BROWSER_SOURCES: readonly SourceSpec[] = [
  ...["hash", "search", "href", "pathname"].map((p): SourceSpec => ({ framework: "browser", on: "location", path: [p], object: false })),
  ...["URL", "documentURI", "baseURI", "referrer", "cookie"].map(
    (p): SourceSpec => ({ framework: "browser", on: "document", path: [p], object: false }),
  ),
  { framework: "browser", on: "window", path: ["name"], object: false },
];

/** Command-line arguments: whoever runs the program chooses them, so only injection into commands and code counts. */
export const NODE_SOURCES: readonly SourceSpec[] = [
  { framework: "node", on: "process", path: ["argv"], object: false, onlyFor: ["js/command-injection", "js/code-injection-taint"] },
];

export const ALL_SOURCES: readonly SourceSpec[] = [
  ...EXPRESS_SOURCES,
  ...KOA_SOURCES,
  ...FASTIFY_SOURCES,
  ...NEXT_SOURCES,
  ...BROWSER_SOURCES,
  ...NODE_SOURCES,
];

/** Parameters with these names hold an incoming request (Express/Node `req`, Koa `ctx`). */
export const REQUEST_NAMES: readonly string[] = ["req", "ctx"];
/**
 * `request` is as often an outgoing request in HTTP clients, so it counts only beside a response
 * parameter, in a Next.js route handler (`export async function GET(request)`), or typed as one.
 */
export const AMBIGUOUS_REQUEST_NAMES: readonly string[] = ["request"];
export const RESPONSE_NAMES = /^(res|response|reply|h)$/;
export const ROUTE_HANDLER_NAMES = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
export const SERVER_REQUEST_TYPES = /\b(NextRequest|NextApiRequest|FastifyRequest|IncomingMessage|Request<|express\.Request|Koa\.Request)\b/;

/** Methods that register route handlers: their function arguments receive a request first. */
export const ROUTE_METHODS: readonly string[] = ["get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options", "route"];

/** Receivers of route registrations (`app.get`, `router.post`, `fastify.route`). */
export const ROUTER_RECEIVER = /^(app|router|api|server|fastify|routes?|\w*[rR]outer)$/;
