import ts from "../typescript";
import type { FileAnalysis, Frame, Summary } from "./analysis";
import { CLEAN, paramFlow, union, type Taint } from "./flow";
import { Env, Scope, hoist, type FunctionRef } from "./scope";
import { runStatements } from "./statements";
import { evalExpr } from "./expressions";
import { bindPattern } from "./bind";
import { AMBIGUOUS_REQUEST_NAMES, REQUEST_NAMES, RESPONSE_NAMES, ROUTE_HANDLER_NAMES, SERVER_REQUEST_TYPES } from "../../../../../rules/js/taint";
import type { FunctionLike } from "./scope";

const EMPTY_SUMMARY: Summary = { returns: [], sinks: [] };
const MAX_RETURN_FLOWS = 8;

export interface CallContext {
  /** Taint of each parameter at this call; "summary" analyses with symbolic parameters. */
  params: readonly Taint[] | "summary";
  /** The first parameter is a request (route handlers). */
  requestParam?: boolean;
  /** A callback inside a function being summarised: flows from the outer parameters belong to that summary. */
  outer?: Summary;
}

/**
 * Analyses a function body once. In summary mode each parameter carries a marker flow, so the
 * result says which parameters reach which sinks and the return value; sources inside the body
 * are reported as they are found.
 */
export function analyzeFunction(a: FileAnalysis, ref: FunctionRef, ctx: CallContext): { returns: Taint; env: Env; summary?: Summary } {
  const node = ref.node;
  a.analyzed.add(node);
  const scope = new Scope(ref.scope);
  const env = new Env(ref.env);
  const summary: Summary | undefined = ctx.params === "summary" ? { returns: [], sinks: [] } : undefined;
  const fr: Frame = { scope, env, fn: { returns: [], summary: summary ?? ctx.outer } };
  if ((ts.isFunctionExpression(node)) && node.name) scope.declare(node.name.text).fn = ref;
  node.parameters.forEach((p, i) => {
    const request = (i === 0 && ctx.requestParam === true) || isRequestParameter(a, node, i);
    let t: Taint = ctx.params === "summary" ? (request ? CLEAN : [paramFlow(i)]) : (ctx.params[i] ?? CLEAN);
    if (p.initializer) t = union(t, evalExpr(a, p.initializer, fr));
    bindPattern(a, p.name, t, fr, { param: true, request, requestNames: request && !ts.isIdentifier(p.name) ? [] : undefined });
  });
  const body = node.body;
  let returns: Taint = CLEAN;
  if (body && ts.isBlock(body)) {
    hoist(body.statements, scope, env, true);
    runStatements(a, body.statements, fr);
    returns = fr.fn.returns;
  } else if (body) {
    returns = evalExpr(a, body, fr);
  }
  if (summary) summary.returns = returns.slice(0, MAX_RETURN_FLOWS);
  return { returns, env, summary };
}

function isRequestParameter(a: FileAnalysis, fn: FunctionLike, index: number): boolean {
  const p = fn.parameters[index]!;
  if (!ts.isIdentifier(p.name)) return false;
  if (REQUEST_NAMES.includes(p.name.text)) return true;
  if (!AMBIGUOUS_REQUEST_NAMES.includes(p.name.text)) return false;
  const next = fn.parameters[index + 1];
  if (next && ts.isIdentifier(next.name) && RESPONSE_NAMES.test(next.name.text)) return true;
  if (ts.isFunctionDeclaration(fn) && fn.name && ROUTE_HANDLER_NAMES.test(fn.name.text)) return true;
  return p.type !== undefined && SERVER_REQUEST_TYPES.test(a.textOf(p.type));
}

/** The function's summary, computed on first use; recursion sees an empty summary. */
export function summaryOf(a: FileAnalysis, ref: FunctionRef): Summary {
  const hit = a.summaries.get(ref.node);
  if (hit) return hit;
  if (a.inProgress.has(ref.node)) return EMPTY_SUMMARY;
  a.inProgress.add(ref.node);
  try {
    const { summary } = analyzeFunction(a, ref, { params: "summary" });
    a.summaries.set(ref.node, summary!);
    return summary!;
  } finally {
    a.inProgress.delete(ref.node);
  }
}
