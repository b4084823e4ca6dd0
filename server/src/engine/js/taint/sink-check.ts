import ts from "../typescript";
import { ALL_CALL_SINKS, JSX_SINKS, PROPERTY_SINKS, REDIRECT_HEADERS, type CallSinkSpec, type SinkCondition } from "../../../../../rules/js/taint";
import type { FileAnalysis, Frame, Sink } from "./analysis";
import type { Flow, Taint } from "./flow";
import { evalExpr } from "./expressions";
import { globalPath, memberChain, receiverName, unwrap } from "./names";
import { fixesFor } from "./fixes";

const BY_CALLEE = new Map<string, CallSinkSpec[]>();
const BY_METHOD = new Map<string, CallSinkSpec[]>();
for (const spec of ALL_CALL_SINKS) {
  for (const c of spec.callees ?? []) BY_CALLEE.set(c, [...(BY_CALLEE.get(c) ?? []), spec]);
  for (const m of spec.methods ?? []) BY_METHOD.set(m, [...(BY_METHOD.get(m) ?? []), spec]);
}
const URL_KINDS = new Set(["js/ssrf", "js/open-redirect"]);
const MAX_SUMMARY_SINKS = 32;
const SHELLS = new Set(["sh", "bash", "zsh", "/bin/sh", "/bin/bash", "cmd", "cmd.exe", "powershell", "pwsh"]);

/** Whether a flow is dangerous at a sink: not cleared, from a source that counts there, with the right shape. */
export function reaches(f: Flow, sink: Sink): boolean {
  if (f.cleared.includes(sink.kind)) return false;
  if (f.origin.type === "source" && f.origin.onlyFor && !f.origin.onlyFor.includes(sink.kind)) return false;
  if (sink.needsObject && !f.object) return false;
  if (sink.needsOpenPrefix && f.fixedPrefix) return false;
  if (sink.needsHtml && !f.html) return false;
  return true;
}

/** Flows from sources are reported; flows from parameters become part of the function's summary. */
export function reachSink(a: FileAnalysis, fr: Frame, t: Taint, sink: Sink): void {
  for (const f of t) {
    if (f.cleared.includes(sink.kind)) continue;
    if (f.origin.type === "param") {
      const s = fr.fn.summary;
      if (s && s.sinks.length < MAX_SUMMARY_SINKS) s.sinks.push({ index: f.origin.index, flow: f, sink });
    } else if (reaches(f, sink)) a.report(f, sink);
  }
}

export function makeSink(a: FileAnalysis, kind: string, node: ts.Node, extra: Partial<Sink> = {}): Sink {
  return { kind, start: a.startOf(node), end: node.end, file: a.file, needsOpenPrefix: URL_KINDS.has(kind), ...extra };
}

function objectArgs(args: readonly ts.Expression[]): ts.ObjectLiteralExpression[] {
  return args.map(unwrap).filter(ts.isObjectLiteralExpression);
}

function propertyValue(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

function holds(cond: SinkCondition, args: readonly ts.Expression[], sf: ts.SourceFile): boolean {
  const objs = objectArgs(args);
  switch (cond) {
    case "shell-option": {
      if (objs.some((o) => { const v = propertyValue(o, "shell"); return v !== undefined && v.kind !== ts.SyntaxKind.FalseKeyword; })) return true;
      const [cmd, list] = [args[0] && unwrap(args[0]), args[1] && unwrap(args[1])];
      return !!cmd && ts.isStringLiteralLike(cmd) && SHELLS.has(cmd.text) && !!list && ts.isArrayLiteralExpression(list)
        && list.elements.some((e) => ts.isStringLiteralLike(e) && (e.text === "-c" || e.text === "/c"));
    }
    case "unsafe-yaml-schema":
      return objs.some((o) => { const v = propertyValue(o, "schema"); return v !== undefined && /FULL|unsafe|js-types|jsTypes/i.test(v.getText(sf)); });
    case "noent-option":
      return objs.some((o) => propertyValue(o, "noent")?.kind === ts.SyntaxKind.TrueKeyword);
    case "no-root-option":
      return !objs.some((o) => propertyValue(o, "root") !== undefined);
    case "deep-flag":
      return args[0]?.kind === ts.SyntaxKind.TrueKeyword;
  }
}

export interface CallInfo {
  node: ts.CallExpression | ts.NewExpression;
  canonical: string | undefined;
  method: string | undefined;
  receiverName: string | undefined;
  receiverModule: string | undefined;
  args: readonly Taint[];
}

/** Checks a call against every sink spec; true when it is a sink (its result is then new data, not its input). */
export function checkCallSinks(a: FileAnalysis, fr: Frame, call: CallInfo): boolean {
  const argNodes = call.node.arguments ?? [];
  const construct = ts.isNewExpression(call.node);
  const viaCallee = (call.canonical && BY_CALLEE.get(call.canonical)) || [];
  const viaMethod = (call.method && BY_METHOD.get(call.method)) || [];
  let matched = false;
  for (const spec of [...viaCallee, ...viaMethod]) {
    if (construct ? !spec.construct : spec.construct === "only") continue;
    if (!viaCallee.includes(spec) && (spec.receiver || spec.receiverModules)) {
      const byName = call.receiverName !== undefined && spec.receiver?.test(call.receiverName);
      const byModule = call.receiverModule !== undefined && spec.receiverModules?.includes(call.receiverModule);
      if (!byName && !byModule) continue;
    }
    if (spec.when && !holds(spec.when, argNodes, a.sf)) continue;
    // Only an identified API returns new data; `find` on an array returns one of its elements.
    if (viaCallee.includes(spec) || spec.receiver || spec.receiverModules) matched = true;
    let kind: string = spec.kind;
    const first = argNodes[0] && unwrap(argNodes[0]);
    if (kind === "js/header-injection" && first && ts.isStringLiteralLike(first) && REDIRECT_HEADERS.includes(first.text.toLowerCase())) kind = "js/open-redirect";
    for (const idx of spec.args) {
      const i = idx === "last" ? argNodes.length - 1 : idx;
      const t = call.args[i];
      if (!t || t.length === 0) continue;
      const options = kind === "js/ssrf" ? unwrap(argNodes[i]!) : undefined;
      if (options && ts.isObjectLiteralExpression(options)) checkRequestOptions(a, fr, options, call.node);
      else if (spec.filterObject) checkFilter(a, fr, argNodes[i]!, t, call.node);
      else if (spec.headersObject) checkHeaders(a, fr, argNodes[i]!, call.node);
      else reachSink(a, fr, t, makeSink(a, kind, call.node, { fixes: fixesFor(a, kind, call.node, fr) }));
    }
  }
  return matched;
}

/** A query filter: a tainted object (or a field that may be one) injects operators; `$where` runs code. */
function checkFilter(a: FileAnalysis, fr: Frame, arg: ts.Expression, t: Taint, call: ts.Node): void {
  const obj = unwrap(arg);
  if (!ts.isObjectLiteralExpression(obj)) {
    reachSink(a, fr, t, makeSink(a, "js/nosql-injection", call, { needsObject: true }));
    return;
  }
  for (const p of obj.properties) {
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : undefined;
    if (!value) continue;
    const isWhere = ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === "$where";
    reachSink(a, fr, evalExpr(a, value, fr), makeSink(a, "js/nosql-injection", call, { needsObject: !isWhere }));
  }
}

const URL_OPTIONS = ["url", "baseURL", "baseUrl", "prefixUrl", "host", "hostname", "origin", "uri"];

/** Request options (`axios({ url, data })`, `http.get({ host, path })`): only where the request goes counts. */
function checkRequestOptions(a: FileAnalysis, fr: Frame, options: ts.ObjectLiteralExpression, call: ts.Node): void {
  for (const key of URL_OPTIONS) {
    const value = propertyValue(options, key);
    if (value) reachSink(a, fr, evalExpr(a, value, fr), makeSink(a, "js/ssrf", call));
  }
}

/** `{ Location: url, "Content-Type": type }`: a redirect target or a header value, by name. */
function checkHeaders(a: FileAnalysis, fr: Frame, arg: ts.Expression, call: ts.Node): void {
  const obj = unwrap(arg);
  if (!ts.isObjectLiteralExpression(obj)) return;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) continue;
    const kind = REDIRECT_HEADERS.includes(p.name.text.toLowerCase()) ? "js/open-redirect" : "js/header-injection";
    reachSink(a, fr, evalExpr(a, p.initializer, fr), makeSink(a, kind, call));
  }
}

/** Property writes: `el.innerHTML = v`, `location.href = v`, `ctx.body = v`, `obj[k1][k2] = v`. */
export function checkAssignmentSinks(a: FileAnalysis, target: ts.Expression, t: Taint, fr: Frame, node: ts.Expression): void {
  if (ts.isIdentifier(target)) {
    if (target.text === "location") reachSink(a, fr, t, makeSink(a, "js/open-redirect", node));
    return;
  }
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
  const inner = unwrap(target.expression);
  if (ts.isElementAccessExpression(inner)) {
    const key = evalExpr(a, inner.argumentExpression, fr);
    if (key.length) reachSink(a, fr, key, makeSink(a, "js/prototype-pollution", node));
  }
  if (t.length === 0 || !ts.isPropertyAccessExpression(target)) return;
  const property = target.name.text;
  const specs = PROPERTY_SINKS.filter((s) => s.property === property);
  if (specs.length === 0) return;
  const chain = memberChain(target.expression);
  const receiver = (chain && globalPath(chain, fr.scope)?.join(".")) ?? receiverName(target.expression);
  for (const spec of specs) {
    if (spec.on && (receiver === undefined || !spec.on.includes(receiver))) continue;
    reachSink(a, fr, t, makeSink(a, spec.kind, node, { needsHtml: spec.htmlOnly, fixes: fixesFor(a, spec.kind, node, fr) }));
  }
}

export function checkJsxAttribute(a: FileAnalysis, attr: ts.JsxAttribute, expr: ts.Expression, fr: Frame): void {
  const name = ts.isIdentifier(attr.name) ? attr.name.text : undefined;
  const spec = JSX_SINKS.find((s) => s.attribute === name);
  if (!spec) {
    evalExpr(a, expr, fr);
    return;
  }
  const obj = unwrap(expr);
  const value = spec.field && ts.isObjectLiteralExpression(obj) ? propertyValue(obj, spec.field) : expr;
  if (!value) return;
  reachSink(a, fr, evalExpr(a, value, fr), makeSink(a, spec.kind, attr, { needsOpenPrefix: spec.url === true }));
}
