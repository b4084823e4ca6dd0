/** pnpm-lock.yaml, lockfile versions 5.x to 9.0 (pnpm 7 to 10), into the resolved graph. */
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import { LockfileError, splitNameAt, type DependencyGraph, type PackageNode } from "./graph";

type Refs = Record<string, string | { version?: string; specifier?: string }>;
interface SnapshotData {
  dependencies?: Refs;
  optionalDependencies?: Refs;
  dev?: boolean;
  optional?: boolean;
  version?: string;
}
interface ImporterData {
  dependencies?: Refs;
  devDependencies?: Refs;
  optionalDependencies?: Refs;
}

const IMPORTER_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

/** Key offsets of a top-level map's entries, by key. */
function keyOffsets(map: unknown): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  if (!isMap(map)) return out;
  for (const pair of (map as YAMLMap).items) {
    if (isScalar(pair.key) && pair.key.range) out.set(String(pair.key.value), { start: pair.key.range[0], end: pair.key.range[1] });
  }
  return out;
}

/** `/name@1.0.0(peer@2)`, `name@1.0.0`, `/name/1.0.0_peer@2` -> name and version. */
export function pnpmKeyParts(key: string): [string, string] {
  const bare = key.replace(/^\//, "").replace(/\(.*$/, "");
  // v5: name/version, peers after an underscore
  const v5 = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^_]*)(?:_.*)?$/.exec(bare);
  return v5 ? [v5[1]!, v5[2]!] : splitNameAt(bare);
}

export function parsePnpmLock(text: string): DependencyGraph {
  const doc = parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) throw new LockfileError(error.message.split("\n")[0]!, error.pos[0]);
  const data = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
  if (!data || typeof data !== "object") throw new LockfileError("a pnpm-lock.yaml holds one map", 0);
  const formatVersion = String(data.lockfileVersion ?? "");
  const major = parseFloat(formatVersion);
  if (!(major >= 5 && major < 10)) {
    throw new LockfileError(`unsupported lockfileVersion ${JSON.stringify(data.lockfileVersion)} (Vigil reads 5.x to 9.0)`, 0);
  }
  const packages = (data.packages ?? {}) as Record<string, SnapshotData>;
  // v9 splits metadata (`packages`) from the resolved tree (`snapshots`).
  const snapshots = (data.snapshots ?? packages) as Record<string, SnapshotData>;
  const packageKeys = keyOffsets(doc.get("packages", true));
  const snapshotKeys = data.snapshots ? keyOffsets(doc.get("snapshots", true)) : packageKeys;

  const refKey = (name: string, ref: string): string | undefined => {
    if (/^(link|file|workspace):/.test(ref)) return undefined;
    if (major >= 9) return /^\d/.test(ref) ? `${name}@${ref}` : ref; // an alias names its target
    if (ref.startsWith("/")) return ref;
    return major >= 6 ? `/${name}@${ref}` : `/${name}/${ref}`;
  };
  const refOf = (v: Refs[string]) => (typeof v === "string" ? v : (v?.version ?? ""));

  const nodes = new Map<string, PackageNode>();
  for (const [key, snap] of Object.entries(snapshots)) {
    const [name, version] = pnpmKeyParts(key);
    const meta = packages[key.replace(/\(.*$/, "")] ?? snap;
    const at = packageKeys.get(key.replace(/\(.*$/, "")) ?? snapshotKeys.get(key);
    if (!at) throw new LockfileError(`cannot locate entry "${key}"`, 0);
    const dependencies: string[] = [];
    for (const field of ["dependencies", "optionalDependencies"] as const) {
      for (const [n, v] of Object.entries(snap?.[field] ?? {})) {
        const k = refKey(n, refOf(v));
        if (k) dependencies.push(k);
      }
    }
    nodes.set(key, {
      id: key,
      name,
      version: meta?.version ?? version,
      start: at.start,
      end: at.end,
      dev: meta?.dev === true,
      optional: meta?.optional === true,
      dependencies,
      local: !/^\d/.test(version),
    });
  }

  const importers = new Map<string, Map<string, string>>();
  // v5/v6 single projects put the importer's fields at the top level.
  const importerData = (data.importers ?? { ".": data }) as Record<string, ImporterData>;
  for (const [folder, imp] of Object.entries(importerData)) {
    const direct = new Map<string, string>();
    for (const field of IMPORTER_FIELDS) {
      for (const [n, v] of Object.entries(imp?.[field] ?? {})) {
        const k = refKey(n, refOf(v));
        if (k && nodes.has(k)) direct.set(n, k);
      }
    }
    importers.set(folder === "." ? "" : folder, direct);
  }
  return {
    kind: "pnpm",
    formatVersion,
    nodes,
    importers,
    resolveDirect: (importer, name) => importers.get(importer)?.get(name),
  };
}
