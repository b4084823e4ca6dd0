import type { LineIndex } from "../../text";

/** A file the analysis has read: steps point into it by offset, converted to ranges only for findings. */
export interface FileRef {
  path: string;
  lines: LineIndex;
}

export interface Step {
  message: string;
  start: number;
  end: number;
  file: FileRef;
}

export type Origin =
  | { type: "source"; label: string; start: number; end: number; file: FileRef; onlyFor?: readonly string[] }
  /** A parameter of the function being summarised: resolved to the caller's argument at each call. */
  | { type: "param"; index: number };

/** One way untrusted data can reach a value, with what has been done to it on the way. */
export interface Flow {
  readonly origin: Origin;
  readonly steps: readonly Step[];
  /** Sink kinds this flow has been made safe for (encoders, guards, coercions). */
  readonly cleared: readonly string[];
  /** May be an object or array, not only a string: needed for query-operator injection. */
  readonly object: boolean;
  /** A constant scheme and host (or a local path) precedes the tainted part of a URL. */
  readonly fixedPrefix: boolean;
  /** Built together with HTML markup. */
  readonly html: boolean;
}

/** The flows that may reach a value; empty means clean. */
export type Taint = readonly Flow[];
export const CLEAN: Taint = [];

const MAX_FLOWS = 4;
const MAX_STEPS = 12;

export function union(...taints: Taint[]): Taint {
  let out: Flow[] | undefined;
  let first: Taint = CLEAN;
  for (const t of taints) {
    if (t.length === 0) continue;
    if (first.length === 0 && !out) {
      first = t;
      continue;
    }
    out ??= [...first];
    for (const f of t) if (out.length < MAX_FLOWS && !out.includes(f) && !out.some((o) => sameFlow(o, f))) out.push(f);
  }
  return out ?? first;
}

function sameFlow(a: Flow, b: Flow): boolean {
  return (
    a.origin === b.origin &&
    a.object === b.object &&
    a.fixedPrefix === b.fixedPrefix &&
    a.html === b.html &&
    a.cleared.length === b.cleared.length &&
    a.cleared.every((c) => b.cleared.includes(c))
  );
}

export function withStep(t: Taint, message: string, start: number, end: number, file: FileRef): Taint {
  if (t.length === 0) return t;
  return t.map((f) => ({ ...f, steps: appendSteps(f.steps, [{ message, start, end, file }]) }));
}

export function appendSteps(a: readonly Step[], b: readonly Step[]): readonly Step[] {
  const all = [...a, ...b];
  // Keep where it came from and where it went; the middle of a long path helps least.
  return all.length <= MAX_STEPS ? all : [...all.slice(0, 3), ...all.slice(all.length - (MAX_STEPS - 3))];
}

/** Marks the flows safe for some sink kinds; "all" (a number, a boolean, an allowlisted value) drops them. */
export function clear(t: Taint, kinds: readonly string[] | "all"): Taint {
  if (t.length === 0) return t;
  if (kinds === "all") return CLEAN;
  return t.map((f) => ({ ...f, cleared: [...new Set([...f.cleared, ...kinds])] }));
}

export function mapFlows(t: Taint, change: Partial<Pick<Flow, "object" | "fixedPrefix" | "html">>): Taint {
  if (t.length === 0) return t;
  return t.map((f) => ({ ...f, ...change }));
}

export function paramFlow(index: number): Flow {
  return { origin: { type: "param", index }, steps: [], cleared: [], object: true, fixedPrefix: false, html: false };
}

/**
 * A flow that reached a parameter, continued by the caller's argument: the caller's history
 * first, then what the callee did, with the stricter of both sets of facts.
 */
export function compose(arg: Flow, inCallee: Flow): Flow {
  return {
    origin: arg.origin,
    steps: appendSteps(arg.steps, inCallee.steps),
    cleared: [...new Set([...arg.cleared, ...inCallee.cleared])],
    object: arg.object && inCallee.object,
    fixedPrefix: arg.fixedPrefix || inCallee.fixedPrefix,
    html: arg.html || inCallee.html,
  };
}
