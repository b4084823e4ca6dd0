import ts from "../typescript";
import {
  COMBINING_METHODS, ELEMENT_CALLBACK_METHODS, MUTATOR_METHODS, PROPAGATORS, ROUTE_METHODS, ROUTER_RECEIVER,
  SANITIZERS, SANITIZER_NAME, type SanitizerSpec,
} from "../../../../../rules/js/taint";
import { isFunctionLiteral, type FileAnalysis, type Frame } from "./analysis";
import { CLEAN, clear, compose, union, withStep, type Taint } from "./flow";
import { canonicalName, isRelativeModule, memberChain, propertyNameOf, receiverName, requireSpecifier, rootIdentifier, unwrap } from "./names";
import { matchSource, messageEventTaint } from "./source-match";
import { evalExpr } from "./expressions";
import { checkCallSinks, reachSink } from "./sink-check";
import { analyzeFunction, summaryOf, type CallContext } from "./functions";
import { exportedFunction } from "./exports";
import { loadModule } from "./modules";
import type { FunctionRef } from "./scope";

const SANITIZER_BY_CALLEE = new Map<string, SanitizerSpec>();
const SANITIZER_BY_METHOD = new Map<string, SanitizerSpec>();
for (const s of SANITIZERS) {
  for (const c of s.callees ?? []) SANITIZER_BY_CALLEE.set(c, s);
  for (const m of s.methods ?? []) SANITIZER_BY_METHOD.set(m, s);
}
const PROPAGATES = new Set(PROPAGATORS.flatMap((p) => p.callees));

type Callee = ts.CallExpression | ts.NewExpression;

export function evalCall(a: FileAnalysis, node: Callee, fr: Frame): Taint {
  const callee = unwrap(node.expression);
  const argNodes = node.arguments ?? [];
  if (ts.isCallExpression(node)) {
    const chain = memberChain(callee);
    const src = chain && matchSource(a, chain, node, fr, true);
    if (src) {
      for (const arg of argNodes) evalExpr(a, arg, fr);
      return src;
    }
    if (requireSpecifier(node) !== undefined) return CLEAN;
  }
  if (isFunctionLiteral(callee)) {
    const args = argNodes.map((arg) => evalExpr(a, arg, fr));
    const r = analyzeFunction(a, { node: callee, scope: fr.scope, env: fr.env }, { params: args, outer: fr.fn.summary });
    fr.env.mergeBranches([r.env], true);
    return r.returns;
  }
  let method: string | undefined;
  let recvExpr: ts.Expression | undefined;
  let receiver: Taint = CLEAN;
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    method = propertyNameOf(callee);
    recvExpr = unwrap(callee.expression);
    receiver = evalExpr(a, recvExpr, fr);
  } else if (!ts.isIdentifier(callee)) evalExpr(a, callee, fr);
  const canonical = canonicalName(callee, fr.scope);
  const args = argNodes.map((arg) => (isFunctionLiteral(unwrap(arg)) ? CLEAN : evalExpr(a, arg, fr)));
  const callbacks = runCallbacks(a, node, fr, method, recvExpr, receiver);
  const recvRoot = recvExpr && rootIdentifier(recvExpr);
  const isSink = checkCallSinks(a, fr, {
    node, canonical, method, args,
    receiverName: recvExpr && receiverName(recvExpr),
    receiverModule: recvRoot && fr.scope.lookup(recvRoot.text)?.module,
  });

  // What a query, a request or a file read returns is new data, not the SQL, URL or path it was given.
  if (isSink) return callbacks;
  const calleeName = method ?? (ts.isIdentifier(callee) ? callee.text : undefined);
  const byCallee = canonical ? SANITIZER_BY_CALLEE.get(canonical) : undefined;
  if (byCallee) return clear(args[0] ?? CLEAN, byCallee.clears);
  // A sanitising method cleans its receiver (`s.toString()`) or its argument (`conn.escape(s)`).
  const byMethod = method ? SANITIZER_BY_METHOD.get(method) : undefined;
  if (byMethod) return clear(union(receiver, args[0] ?? CLEAN), byMethod.clears);
  if (calleeName && SANITIZER_NAME.test(calleeName) && !(canonical && PROPAGATES.has(canonical))) return CLEAN;

  // Given nothing tainted, a function of a module that holds no source gives nothing tainted back.
  const givenNothing = !receiver.length && !callbacks.length && args.every((t) => !t.length);
  const target = resolveFunction(a, callee, fr, givenNothing);
  if (target === "source-free") return CLEAN;
  if (target) return applySummary(a, fr, node, target, args, calleeName ?? "function");

  if (method !== undefined) {
    const replaced = (method === "replace" || method === "replaceAll") && receiver.length ? replacementClears(argNodes) : undefined;
    if (replaced) return clear(receiver, replaced);
    if (MUTATOR_METHODS.includes(method) && recvRoot) {
      const added = union(...args);
      const b = fr.scope.lookup(recvRoot.text);
      if (b && added.length) fr.env.set(b, union(fr.env.get(b), added));
    }
    // Library helpers (path.join, util.format) and built-ins (JSON.parse) pass their input on;
    // methods of application objects (db.query, res.json) return something new.
    const helper = canonical !== undefined && (PROPAGATES.has(canonical) || canonical.includes("."));
    if (helper || COMBINING_METHODS.includes(method)) return union(receiver, ...args, callbacks);
    // `items.map(f)` is what `f` returns, not the items.
    if (RESULT_OF_CALLBACK.includes(method) && argNodes.some((arg) => isFunctionLiteral(unwrap(arg)))) return callbacks;
    return union(receiver, callbacks);
  }
  // A function a library made (`const render = Handlebars.compile(src)`) escapes or transforms its input.
  const made = ts.isIdentifier(callee) ? fr.scope.lookup(callee.text)?.module : undefined;
  if (made) return callbacks;
  // An unknown function passes its input on, but not an options object (`handle({ ...opts, req })`).
  return union(...args.filter((_, i) => !ts.isObjectLiteralExpression(unwrap(argNodes[i]!))), callbacks);
}

const RESULT_OF_CALLBACK = ["map", "flatMap", "reduce", "then"];

/**
 * `s.replace(/[^\w-]/g, "")` keeps word characters only: nothing is left to inject.
 * `s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")` escapes a regular expression.
 */
function replacementClears(args: readonly ts.Expression[]): readonly string[] | "all" | undefined {
  const [pattern, replacement] = args.map(unwrap);
  if (!pattern || !ts.isRegularExpressionLiteral(pattern) || !replacement || !ts.isStringLiteralLike(replacement)) return undefined;
  const body = pattern.text.slice(1, pattern.text.lastIndexOf("/"));
  if (replacement.text === "\\$&") return ["js/redos"];
  if (/^\[\^(?:\\w|a-z|A-Z|0-9|_|-)+\]\+?$/.test(body) && /^[\w-]*$/.test(replacement.text)) return "all";
  return undefined;
}

function isRouteRegistration(method: string | undefined, recvExpr: ts.Expression | undefined): boolean {
  if (!method || !recvExpr || !ROUTE_METHODS.includes(method)) return false;
  const name = receiverName(recvExpr);
  return name !== undefined && (ROUTER_RECEIVER.test(name) || name === "route");
}

/** Function arguments run with what the callee gives them: a request, an element, a message event. */
function runCallbacks(a: FileAnalysis, node: Callee, fr: Frame, method: string | undefined, recvExpr: ts.Expression | undefined, receiver: Taint): Taint {
  const argNodes = node.arguments ?? [];
  const results: Taint[] = [];
  const route = isRouteRegistration(method, recvExpr);
  const first = argNodes[0] && unwrap(argNodes[0]);
  const message = method === "addEventListener" && first !== undefined && ts.isStringLiteralLike(first) && first.text === "message";
  for (const arg of argNodes) {
    const fn = unwrap(arg);
    if (!isFunctionLiteral(fn)) continue;
    const ctx: CallContext = { params: [], outer: fr.fn.summary };
    if (route) ctx.requestParam = true;
    else if (message && fn.parameters[0]) ctx.params = [messageEventTaint(a, fn.parameters[0])];
    else if (method && receiver.length && ELEMENT_CALLBACK_METHODS.includes(method)) ctx.params = method === "reduce" ? [CLEAN, receiver] : [receiver];
    const r = analyzeFunction(a, { node: fn, scope: fr.scope, env: fr.env }, ctx);
    fr.env.mergeBranches([r.env], true);
    results.push(r.returns);
  }
  return union(...results);
}

/** `window.onmessage = (e) => ...`: the handler's event carries a message from another window. */
export function runMessageHandler(a: FileAnalysis, fn: ts.FunctionExpression | ts.ArrowFunction, fr: Frame): void {
  const params = fn.parameters[0] ? [messageEventTaint(a, fn.parameters[0])] : [];
  const r = analyzeFunction(a, { node: fn, scope: fr.scope, env: fr.env }, { params, outer: fr.fn.summary });
  fr.env.mergeBranches([r.env], true);
}

interface Target {
  owner: FileAnalysis;
  ref: FunctionRef;
}

/**
 * The function a call runs, when this file or a relative import defines it; with `givenNothing`,
 * "source-free" for a module that need not be analysed (loadModule).
 */
function resolveFunction(a: FileAnalysis, callee: ts.Expression, fr: Frame, givenNothing: boolean): Target | "source-free" | undefined {
  if (ts.isIdentifier(callee)) {
    const b = fr.scope.lookup(callee.text);
    if (!b) return undefined;
    if (b.fn) return { owner: a, ref: b.fn };
    if (b.import && isRelativeModule(b.import.module)) {
      const m = loadModule(a, b.import.module, givenNothing);
      if (m === "source-free") return m;
      const ref = m && exportedFunction(m, b.import.name ?? "default");
      return m && ref ? { owner: m, ref } : undefined;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const b = fr.scope.lookup(callee.expression.text);
    if (!b?.import || !isRelativeModule(b.import.module) || (b.import.name !== undefined && b.import.name !== "default")) return undefined;
    const m = loadModule(a, b.import.module, givenNothing);
    if (m === "source-free") return m;
    const ref = m && exportedFunction(m, callee.name.text);
    return m && ref ? { owner: m, ref } : undefined;
  }
  return undefined;
}

function applySummary(a: FileAnalysis, fr: Frame, node: Callee, target: Target, args: readonly Taint[], name: string): Taint {
  const summary = summaryOf(target.owner, target.ref);
  const argNodes = node.arguments ?? [];
  const passed = args.map((t, i) => (t.length ? withStep(t, `passed to \`${name}\``, a.startOf(argNodes[i]!), argNodes[i]!.end, a.file) : t));
  for (const s of summary.sinks) {
    const arg = passed[s.index];
    if (!arg?.length) continue;
    let sink = s.sink;
    if (sink.file !== a.file && sink.anchor?.file !== a.file) {
      sink = { ...sink, anchor: { start: a.startOf(node), end: node.end, file: a.file, callee: name }, fixes: undefined };
    }
    reachSink(a, fr, arg.map((f) => compose(f, s.flow)), sink);
  }
  const returned: Taint[] = summary.returns.map((f) =>
    f.origin.type === "param" ? (passed[f.origin.index] ?? CLEAN).map((arg) => compose(arg, f)) : [f],
  );
  const result = union(...returned);
  return result.length ? withStep(result, `returned from \`${name}\``, a.startOf(node), node.end, a.file) : result;
}
