/** package.json: the declared dependencies with where they are written, for findings and fixes. */
import { isObject, objectAt, parseJsonObjectFile, type JsonObject, type JsonTree } from "./json-tree";

export type DependencyField = "dependencies" | "devDependencies" | "optionalDependencies" | "peerDependencies";
const FIELDS: readonly DependencyField[] = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

export interface DeclaredDependency {
  name: string;
  range: string;
  field: DependencyField;
  /** Offsets of the `"name"` key, where a finding goes. */
  keyStart: number;
  keyEnd: number;
  /** Offsets of the range's string literal, quotes included: what a fix rewrites. */
  valueStart: number;
  valueEnd: number;
}

export interface Manifest {
  name?: string;
  dependencies: DeclaredDependency[];
  /** Workspace globs (npm/yarn `workspaces`, array or `{ packages }`). */
  workspaces: string[];
  tree: JsonTree;
  root: JsonObject;
}

export function parseManifest(text: string): Manifest {
  const { tree, root } = parseJsonObjectFile(text, "package.json");
  const dependencies: DeclaredDependency[] = [];
  for (const field of FIELDS) {
    const deps = objectAt(root, field);
    if (!deps) continue;
    const spans = tree.spans.get(deps)!;
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range !== "string") continue;
      const s = spans.get(name)!;
      dependencies.push({ name, range, field, keyStart: s.keyStart, keyEnd: s.keyStart + JSON.stringify(name).length, valueStart: s.valueStart, valueEnd: s.valueEnd });
    }
  }
  const ws = root.workspaces;
  const globs = Array.isArray(ws) ? ws : isObject(ws) && Array.isArray(ws.packages) ? ws.packages : [];
  return {
    name: typeof root.name === "string" ? root.name : undefined,
    dependencies,
    workspaces: globs.filter((g): g is string => typeof g === "string"),
    tree,
    root,
  };
}
