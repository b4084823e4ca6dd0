/** package-lock.json (v1, v2, v3) and npm-shrinkwrap.json, into the resolved graph. */
import { isObject, objectAt, parseJsonObjectFile, stringAt, type JsonObject, type JsonTree } from "./json-tree";
import { LockfileError, splitNameAt, type DependencyGraph, type PackageNode } from "./graph";

const DEP_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies"] as const;
const IMPORTER_FIELDS = [...DEP_FIELDS, "devDependencies"] as const;

export function parseNpmLock(text: string): DependencyGraph {
  // Fast path: JSON.parse is several times quicker than the position-keeping parser, and v2/v3
  // entries are found again by their unique keys. v1 nests by bare names, and a broken file needs
  // the exact failing offset: both take the full parser.
  let fast: unknown;
  try {
    fast = JSON.parse(text);
  } catch {
    fast = undefined;
  }
  if (isObject(fast as JsonObject) && isObject((fast as JsonObject).packages) && (fast as JsonObject).lockfileVersion !== 1) {
    const root = fast as JsonObject;
    checkVersion(root.lockfileVersion, () => text.indexOf('"lockfileVersion"'));
    return buildGraph(flatEntriesByScan(text, root.packages as JsonObject), String(root.lockfileVersion));
  }
  const { tree, root } = parseJsonObjectFile(text, "package-lock.json");
  checkVersion(root.lockfileVersion, () => spanOf(tree, root, "lockfileVersion"));
  const packages = objectAt(root, "packages");
  // v2 carries both shapes; the flat `packages` map is the complete one.
  const entries = packages ? flatEntries(tree, packages) : nestedEntries(tree, objectAt(root, "dependencies") ?? {});
  return buildGraph(entries, String(root.lockfileVersion));
}

function checkVersion(version: unknown, offset: () => number): void {
  if (typeof version !== "number" || version < 1 || version > 3) {
    throw new LockfileError(`unsupported lockfileVersion ${JSON.stringify(version)} (Vigil reads 1, 2 and 3)`, Math.max(0, offset()));
  }
}

const OBJECT_KEY = /"((?:[^"\\\n]|\\.)*)"\s*:\s*\{/g;

/** v2/v3 entries located by scanning for `"<location>": {`; each location is unique in the file. */
function flatEntriesByScan(text: string, packages: JsonObject): Entry[] {
  const offsets = new Map<string, number>();
  for (const m of text.matchAll(OBJECT_KEY)) {
    const raw = m[1]!;
    const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
    if (!offsets.has(key) && Object.hasOwn(packages, key)) offsets.set(key, m.index!);
  }
  const out: Entry[] = [];
  for (const [location, data] of Object.entries(packages)) {
    const start = offsets.get(location);
    if (!isObject(data) || start === undefined) throw new LockfileError(`"packages" entry "${location}" is not an object`, start ?? 0);
    out.push({ location, data, start, end: start + JSON.stringify(location).length, requires: requiredNames(location, data) });
  }
  return out;
}

function requiredNames(location: string, data: JsonObject): string[] {
  const isImporter = location === "" || !location.includes("node_modules/");
  return (isImporter ? IMPORTER_FIELDS : DEP_FIELDS).flatMap((f) => Object.keys(objectAt(data, f) ?? {}));
}

interface Entry {
  /** `node_modules/a/node_modules/b`, a workspace folder, or "" for the root. */
  location: string;
  data: JsonObject;
  start: number;
  end: number;
  /** Names this entry requires (v1 `requires`, v2+ dependency fields). */
  requires: string[];
}

function spanOf(tree: JsonTree, obj: JsonObject, key: string): number {
  return tree.spans.get(obj)?.get(key)?.keyStart ?? 0;
}

function keySpan(tree: JsonTree, obj: JsonObject, key: string): { start: number; end: number } {
  const span = tree.spans.get(obj)?.get(key);
  return span ? { start: span.keyStart, end: span.keyStart + JSON.stringify(key).length } : { start: 0, end: 0 };
}

function flatEntries(tree: JsonTree, packages: JsonObject): Entry[] {
  const out: Entry[] = [];
  for (const [location, data] of Object.entries(packages)) {
    if (!isObject(data)) throw new LockfileError(`"packages" entry "${location}" is not an object`, spanOf(tree, packages, location));
    out.push({ location, data, ...keySpan(tree, packages, location), requires: requiredNames(location, data) });
  }
  return out;
}

/** v1: `dependencies` nest as node_modules folders nest; rewritten to v2-style locations. */
function nestedEntries(tree: JsonTree, deps: JsonObject): Entry[] {
  const out: Entry[] = [{ location: "", data: {}, start: 0, end: 0, requires: [] }];
  const walk = (obj: JsonObject, prefix: string) => {
    for (const [name, data] of Object.entries(obj)) {
      if (!isObject(data)) throw new LockfileError(`"dependencies" entry "${name}" is not an object`, spanOf(tree, obj, name));
      const location = `${prefix}node_modules/${name}`;
      out.push({ location, data, ...keySpan(tree, obj, name), requires: Object.keys(objectAt(data, "requires") ?? {}) });
      const nested = objectAt(data, "dependencies");
      if (nested) walk(nested, `${location}/`);
    }
  };
  walk(deps, "");
  return out;
}

/** The package name a location installs: the part after its last `node_modules/`. */
function nameAt(location: string): string {
  const i = location.lastIndexOf("node_modules/");
  return i === -1 ? location.slice(location.lastIndexOf("/") + 1) : location.slice(i + "node_modules/".length);
}

function buildGraph(entries: Entry[], formatVersion: string): DependencyGraph {
  const byLocation = new Map(entries.map((e) => [e.location, e]));
  /** Node's lookup: `<dir>/node_modules/<name>` from the requiring folder up to the root, following links. */
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      const hit = byLocation.get(key);
      if (hit) {
        const target = hit.data.link === true ? stringAt(hit.data, "resolved") : undefined;
        return target !== undefined && byLocation.has(target) ? target : key;
      }
      if (!dir) return undefined;
      const slash = dir.lastIndexOf("/");
      dir = slash === -1 ? "" : dir.slice(0, slash);
    }
  };

  const nodes = new Map<string, PackageNode>();
  const importers = new Map<string, Map<string, string>>();
  for (const e of entries) {
    const isImporter = e.location === "" || !e.location.includes("node_modules/");
    const deps = e.requires.map((n) => resolve(e.location, n)).filter((id): id is string => id !== undefined);
    if (isImporter) {
      const direct = new Map<string, string>();
      for (const n of e.requires) {
        const id = resolve(e.location, n);
        if (id) direct.set(n, id);
      }
      importers.set(e.location, direct);
      if (e.location === "") continue;
    }
    if (e.data.link === true) continue; // the link's target is its own entry
    let name = stringAt(e.data, "name") ?? nameAt(e.location);
    let version = stringAt(e.data, "version") ?? "";
    if (version.startsWith("npm:")) [name, version] = splitNameAt(version.slice(4)); // v1 alias
    const resolved = stringAt(e.data, "resolved") ?? "";
    nodes.set(e.location, {
      id: e.location,
      name,
      version,
      start: e.start,
      end: e.end,
      dev: e.data.dev === true,
      optional: e.data.optional === true || e.data.devOptional === true,
      dependencies: deps,
      local: isImporter || /^(file:|git|github:|https?:.*\.git)/.test(resolved) || /^(file:|git)/.test(version),
    });
  }
  return {
    kind: "package-lock",
    formatVersion,
    nodes,
    importers,
    resolveDirect: (importer, name) => importers.get(importer)?.get(name) ?? resolve(importer, name),
  };
}
