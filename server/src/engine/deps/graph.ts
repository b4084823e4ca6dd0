/** The resolved dependency graph every lockfile parser builds: who pulls in what, and where. */

export type LockfileKind = "package-lock" | "yarn-v1" | "yarn-berry" | "pnpm";

export interface PackageNode {
  /** Unique in the graph: the lockfile's own key for the entry (`node_modules/a/node_modules/b`, `a@^1.0.0`, ...). */
  id: string;
  name: string;
  version: string;
  /** Offsets in the lockfile text of the entry's key, where a finding on it goes. */
  start: number;
  end: number;
  dev: boolean;
  optional: boolean;
  /** Ids of the entries this one depends on, as the package manager resolved them. */
  dependencies: string[];
  /** Not from the registry (workspace folders, links, git, tarballs): no advisory applies by version. */
  local?: boolean;
}

export interface DependencyGraph {
  kind: LockfileKind;
  /** The lockfile's format version as it states it (`3`, `v1`, `6`, `9.0`). */
  formatVersion: string;
  nodes: Map<string, PackageNode>;
  /**
   * Direct dependencies per workspace folder ("" is the root, others relative with `/`), by name.
   * Empty for formats that do not record them (yarn v1): the manifest says then.
   */
  importers: Map<string, Map<string, string>>;
  /** The entry a manifest's `name: range` in `importer` resolves to, or undefined. */
  resolveDirect(importer: string, name: string, range: string): string | undefined;
}

/** Thrown by parsers with the offset where the file stops making sense. */
export class LockfileError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * The shortest chain from a direct dependency to every node: `[direct, ..., node]` by id. Roots are
 * the importers' direct dependencies, or, when the lockfile names none, `roots` (the manifest's).
 */
export function chainsFrom(graph: DependencyGraph, roots: Iterable<string>): Map<string, string[]> {
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const id of roots) {
    if (graph.nodes.has(id) && !parent.has(id)) {
      parent.set(id, null);
      queue.push(id);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const child of graph.nodes.get(id)!.dependencies) {
      if (!parent.has(child) && graph.nodes.has(child)) {
        parent.set(child, id);
        queue.push(child);
      }
    }
  }
  const chains = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const chain: string[] = [];
    for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.push(at);
    chains.set(id, chain.reverse());
  }
  return chains;
}

/** Entries nothing else depends on: the best guess at direct dependencies when nothing says. */
export function unreferencedNodes(graph: DependencyGraph): string[] {
  const referenced = new Set<string>();
  for (const node of graph.nodes.values()) for (const d of node.dependencies) if (d !== node.id) referenced.add(d);
  return [...graph.nodes.keys()].filter((id) => !referenced.has(id));
}

/** All direct dependency ids of every importer. */
export function directIds(graph: DependencyGraph): string[] {
  return [...graph.importers.values()].flatMap((m) => [...m.values()]);
}

/** `@scope/name@1.2.3` -> [`@scope/name`, `1.2.3`]: splits at the `@` that is not a scope's. */
export function splitNameAt(spec: string): [string, string] {
  const at = spec.indexOf("@", 1);
  return at === -1 ? [spec, ""] : [spec.slice(0, at), spec.slice(at + 1)];
}
