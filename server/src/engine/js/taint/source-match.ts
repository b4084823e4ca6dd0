import ts from "../typescript";
import { ALL_SOURCES, type SourceSpec } from "../../../../../rules/js/taint";
import type { FileAnalysis, Frame } from "./analysis";
import { clear, CLEAN, type Flow, type Taint } from "./flow";
import { globalPath, type MemberChain } from "./names";
import type { Binding } from "./scope";

const REQUEST_SPECS = ALL_SOURCES.filter((s) => s.on === "request");
const GLOBAL_SPECS = ALL_SOURCES.filter((s) => s.on !== "request");
const MAX_LABEL = 60;

/** A variable holding an incoming request: a route handler's first parameter, or a parameter named like one. */
export function isRequestLike(b: Binding | undefined): boolean {
  return b?.request === true;
}

function prefixOf(spec: SourceSpec, names: readonly string[], call: boolean): boolean {
  if (call !== (spec.call === true)) return false;
  if (call ? names.length !== spec.path.length : names.length < spec.path.length) return false;
  return spec.path.every((p, i) => names[i] === p);
}

/**
 * The source a member chain (or a call of one) reads, if any: `req.query.id`, `ctx.request.body`,
 * `location.hash`, `req.get("Referer")`, `useSearchParams()`.
 */
export function matchSource(a: FileAnalysis, chain: MemberChain, node: ts.Expression, fr: Frame, call: boolean): Taint | undefined {
  const b = fr.scope.lookup(chain.base.text);
  let spec: SourceSpec | undefined;
  if (isRequestLike(b)) {
    spec = REQUEST_SPECS.find((s) => prefixOf(s, chain.names, call) && !s.notOn?.includes(chain.base.text));
  }
  else {
    const path = b ? hookPath(b, chain) : globalPath(chain, fr.scope);
    if (path) spec = GLOBAL_SPECS.find((s) => s.on === path[0] && prefixOf(s, path.slice(1), call));
  }
  if (!spec) return undefined;
  return sourceTaint(a, node, spec, fr);
}

/** Hooks imported from their framework (`import { useSearchParams } from "next/navigation"`) are sources too. */
function hookPath(b: Binding, chain: MemberChain): string[] | undefined {
  if (chain.names.length === 0 && b.import && b.import.name === chain.base.text) return [chain.base.text];
  return undefined;
}

/** Destructuring a request (`const { query } = req`, `({ body }, res) => ...`) reads its fields. */
export function requestFieldSource(a: FileAnalysis, names: readonly string[], node: ts.Node, fr: Frame): Taint | undefined {
  const spec = REQUEST_SPECS.find((s) => prefixOf(s, names, false));
  return spec ? sourceTaint(a, node, spec, fr) : undefined;
}

function sourceTaint(a: FileAnalysis, node: ts.Node, spec: SourceSpec, fr: Frame): Taint {
  const start = a.startOf(node);
  let label = a.textOf(node).replace(/\s+/g, " ");
  if (label.length > MAX_LABEL) label = `${label.slice(0, MAX_LABEL - 1)}…`;
  const flow: Flow = {
    origin: { type: "source", label, start, end: node.end, file: a.file, onlyFor: spec.onlyFor },
    steps: [],
    cleared: [],
    object: spec.object,
    fixedPrefix: false,
    html: false,
  };
  const checked = fr.env.checkedKinds(label);
  return checked ? clear([flow], checked) : [flow];
}

/** The `message` event's data (and the event itself) come from any window that can post to this one. */
export function messageEventTaint(a: FileAnalysis, param: ts.ParameterDeclaration): Taint {
  if (!ts.isIdentifier(param.name)) return CLEAN;
  const start = a.startOf(param);
  return [{
    origin: { type: "source", label: `${param.name.text}.data`, start, end: param.end, file: a.file },
    steps: [],
    cleared: [],
    object: true,
    fixedPrefix: false,
    html: false,
  }];
}
