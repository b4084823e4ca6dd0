/**
 * Reachability: does the project's own code import the vulnerable package (or the direct
 * dependency that pulls it in), and does it call a function the advisory names? Found from import
 * statements and call sites by pattern, which is enough to rank findings, not to prove safety.
 */
import type { ImportSite, ProjectFacts } from "../analyzer";
import type { Advisory } from "./osv";

export interface CodeSite {
  path: string;
  /** 0-based. */
  line: number;
}

export interface Reachability {
  /** Where the vulnerable package, or else the direct dependency above it, is imported. */
  imported?: CodeSite & { packageName: string };
  /** A call to a function the advisory names. */
  call?: CodeSite & { fn: string };
}

/** `(lodash).merge`, `lodash.template`, `(minimist)` -> module and function (empty: the module itself). */
export function parseAffectedFunction(spec: string): { module: string; fn: string } | undefined {
  const paren = /^\(([^)]+)\)(?:\.([\w$]+))?$/.exec(spec);
  if (paren) return { module: paren[1]!, fn: paren[2] ?? "" };
  const dot = /^(.+)\.([\w$]+)$/.exec(spec);
  return dot ? { module: dot[1]!, fn: dot[2]! } : undefined;
}

const escape = (s: string) => s.replace(/[$]/g, "\\$");

function findCall(project: ProjectFacts, sites: ImportSite[], name: string, fn: string): (CodeSite & { fn: string }) | undefined {
  const direct = `\\b(?:require|import)\\s*\\(\\s*["']${name.replace(/[.$/]/g, "\\$&")}["']\\s*\\)\\s*\\(`;
  for (const site of sites) {
    const patterns = fn
      ? [...site.bindings.map((b) => `\\b${escape(b)}\\s*\\.\\s*${escape(fn)}\\s*\\(`), ...(site.named.includes(fn) ? [`(?<![.\\w$])${escape(fn)}\\s*\\(`] : [])]
      : [direct, ...site.bindings.map((b) => `(?<![.\\w$])${escape(b)}\\s*\\(`)];
    if (!patterns.length) continue;
    const text = project.readFile(site.path);
    if (!text) continue;
    const re = new RegExp(patterns.join("|"));
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) if (re.test(lines[i]!)) return { path: site.path, line: i, fn: fn || "(module)" };
  }
  return undefined;
}

export function reachabilityOf(project: ProjectFacts, root: string, name: string, directName: string, advisory: Advisory): Reachability {
  const own = project.importsOf(root, name);
  const via = directName !== name ? project.importsOf(root, directName) : [];
  const first = own[0] ?? via[0];
  const result: Reachability = {};
  if (first) result.imported = { path: first.path, line: first.line, packageName: own[0] ? name : directName };
  for (const spec of new Set(advisory.affected.flatMap((a) => a.functions))) {
    const f = parseAffectedFunction(spec);
    if (!f || f.module.toLowerCase() !== name.toLowerCase()) continue;
    const call = findCall(project, own, name, f.fn);
    if (call) {
      result.call = call;
      break;
    }
  }
  return result;
}
