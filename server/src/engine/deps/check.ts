/**
 * The dependency check for one manifest or lockfile: which installed packages advisories affect,
 * where each finding goes (the manifest line for a direct dependency, the lockfile entry for a
 * transitive one), the chain that pulls it in, and what the project's own code does with it.
 */
import * as path from "node:path";
import * as semver from "semver";
import type { ProjectFacts } from "../analyzer";
import type { AdvisorySource } from "./advisory-db";
import { chainsFrom, unreferencedNodes, type DependencyGraph, type LockfileKind, type PackageNode } from "./graph";
import { parseManifest, type DeclaredDependency, type Manifest } from "./manifest";
import { parseNpmLock } from "./npm-lock";
import { parseYarnLock } from "./yarn-lock";
import { parsePnpmLock } from "./pnpm-lock";
import { advisoriesAffecting, upgradeFor, type Match, type Upgrade } from "./match";
import { reachabilityOf, type Reachability } from "./reachability";

/** Lockfile names in the order a package manager would prefer them for one package.json. */
export const LOCKFILES = ["npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock"] as const;
export type LockfileName = (typeof LOCKFILES)[number];
export type DependencyFile = "package.json" | LockfileName;
const FILES: readonly DependencyFile[] = ["package.json", ...LOCKFILES];

/**
 * What a path is, by its name: `package.json`, a lockfile, or neither. Named copies such as
 * `app.package.json` count too (rule fixtures are named so); hidden files such as npm's
 * `node_modules/.package-lock.json` do not.
 */
export function dependencyFileKind(file: string): DependencyFile | undefined {
  const base = path.basename(file);
  return FILES.find((f) => base === f || (base.endsWith(`.${f}`) && !base.startsWith(".")));
}

export function parseLockfile(kind: LockfileName, text: string): DependencyGraph {
  if (kind === "yarn.lock") return parseYarnLock(text);
  if (kind === "pnpm-lock.yaml") return parsePnpmLock(text);
  return parseNpmLock(text);
}

export interface ChainLink {
  name: string;
  version: string;
  start: number;
  end: number;
}

export interface DependencyHit {
  name: string;
  version: string;
  /** Offsets of the finding in the checked file. */
  start: number;
  end: number;
  /** The manifest entry for a direct dependency. */
  declared?: DeclaredDependency;
  /** From a direct dependency down to this package, positions in `lockfile`. */
  chain: ChainLink[];
  lockfile?: { path: string; kind: LockfileKind };
  dev: boolean;
  match: Match;
  upgrade?: Upgrade;
  reach?: Reachability;
}

export interface CheckInput {
  path: string;
  text: string;
  source: AdvisorySource;
  project?: ProjectFacts;
}

const link = (n: PackageNode): ChainLink => ({ name: n.name, version: n.version, start: n.start, end: n.end });
const posix = (p: string) => p.split(path.sep).join("/");

interface FoundLockfile {
  path: string;
  kind: LockfileName;
  graph: DependencyGraph;
  /** The manifest's folder relative to the lockfile's, as the lockfile names workspaces. */
  importer: string;
}

/**
 * The lockfile a package.json is installed from: a sibling, or a workspace root's above it that
 * lists this folder as a workspace. A lockfile that does not parse is reported on its own.
 */
export function lockfileFor(manifestPath: string, project: ProjectFacts): FoundLockfile | undefined {
  const dir = path.dirname(manifestPath);
  for (let d = dir, depth = 0; depth < 8; depth++) {
    for (const kind of LOCKFILES) {
      const p = path.join(d, kind);
      const text = project.readFile(p);
      if (text === undefined) continue;
      let graph: DependencyGraph;
      try {
        graph = parseLockfile(kind, text);
      } catch {
        return undefined;
      }
      const importer = posix(path.relative(d, dir));
      const knowsImporter = importer === "" || graph.importers.has(importer) || (graph.kind === "yarn-v1" && hasWorkspaces(project, d));
      return knowsImporter ? { path: p, kind, graph, importer } : undefined;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function hasWorkspaces(project: ProjectFacts, dir: string): boolean {
  const text = project.readFile(path.join(dir, "package.json"));
  try {
    return text !== undefined && parseManifest(text).workspaces.length > 0;
  } catch {
    return false;
  }
}

/** Findings for a package.json: its direct dependencies, at the versions its lockfile installed. */
export function checkManifest(input: CheckInput): DependencyHit[] {
  const manifest = parseManifest(input.text);
  const lock = input.project ? lockfileFor(input.path, input.project) : undefined;
  const hits: DependencyHit[] = [];
  for (const dep of manifest.dependencies) {
    let name = dep.name;
    let version: string | undefined;
    let node: PackageNode | undefined;
    if (lock) {
      const id = lock.graph.resolveDirect(lock.importer, dep.name, dep.range);
      node = id === undefined ? undefined : lock.graph.nodes.get(id);
      if (!node || node.local) continue;
      [name, version] = [node.name, node.version];
    } else {
      // No lockfile: only an exact pin says what gets installed.
      version = semver.valid(dep.range) ?? undefined;
    }
    if (!version) continue;
    for (const match of advisoriesAffecting(input.source, name, version)) {
      hits.push({
        name,
        version,
        start: dep.keyStart,
        end: dep.keyEnd,
        declared: dep,
        chain: node ? [link(node)] : [],
        lockfile: lock && { path: lock.path, kind: lock.graph.kind },
        dev: dep.field === "devDependencies",
        match,
        upgrade: upgradeFor(input.source, name, version),
        reach: input.project && reachabilityOf(input.project, path.dirname(input.path), name, name, match.advisory),
      });
    }
  }
  return hits;
}

/**
 * Whether a manifest in `folder` (relative to the lockfile's) is installed from this lockfile, as
 * lockfileFor would decide: no lockfile beside a workspace's manifest, none preferred over this one.
 * Only then do its direct dependencies land on the manifest instead of here.
 */
function ownsManifests(project: ProjectFacts, dir: string, kind: LockfileName, folder: string): boolean {
  if (folder && LOCKFILES.some((k) => project.readFile(path.join(dir, folder, k)) !== undefined)) return false;
  return !LOCKFILES.slice(0, LOCKFILES.indexOf(kind)).some((k) => project.readFile(path.join(dir, k)) !== undefined);
}

interface ImporterManifest {
  folder: string;
  manifest?: Manifest;
}

/** Findings for a lockfile: every vulnerable package its manifests do not declare directly. */
export function checkLockfile(input: CheckInput, kind: LockfileName): DependencyHit[] {
  const graph = parseLockfile(kind, input.text);
  const dir = path.dirname(input.path);
  const folders = graph.importers.size ? [...graph.importers.keys()] : [""];
  const importers: ImporterManifest[] = folders.map((folder) => {
    const text = input.project?.readFile(path.join(dir, folder, "package.json"));
    if (text === undefined || !ownsManifests(input.project!, dir, kind, folder)) return { folder };
    try {
      return { folder, manifest: parseManifest(text) };
    } catch {
      return { folder };
    }
  });
  const roots = new Set<string>();
  const reportedOnManifest = new Set<string>();
  for (const { folder, manifest } of importers) {
    const direct = manifest
      ? manifest.dependencies.map((d) => graph.resolveDirect(folder, d.name, d.range)).filter((id): id is string => !!id)
      : [...(graph.importers.get(folder)?.values() ?? [])];
    for (const id of direct) {
      roots.add(id);
      if (manifest) reportedOnManifest.add(id);
    }
  }
  if (roots.size === 0) for (const id of unreferencedNodes(graph)) roots.add(id);
  const chains = chainsFrom(graph, roots);
  const hits: DependencyHit[] = [];
  const byVersion = new Map<string, { matches: Match[]; upgrade?: Upgrade }>();
  for (const node of graph.nodes.values()) {
    if (node.local || reportedOnManifest.has(node.id)) continue;
    // Copies of one version at several places in the tree share their matches and upgrade.
    const key = `${node.name}@${node.version}`;
    let verdicts = byVersion.get(key);
    if (!verdicts) {
      const matches = advisoriesAffecting(input.source, node.name, node.version);
      verdicts = { matches, upgrade: matches.length ? upgradeFor(input.source, node.name, node.version) : undefined };
      byVersion.set(key, verdicts);
    }
    const { matches, upgrade } = verdicts;
    if (!matches.length) continue;
    const chain = (chains.get(node.id) ?? [node.id]).map((id) => link(graph.nodes.get(id)!));
    for (const match of matches) {
      hits.push({
        name: node.name,
        version: node.version,
        start: node.start,
        end: node.end,
        chain,
        lockfile: { path: input.path, kind: graph.kind },
        dev: node.dev,
        match,
        upgrade,
        reach: input.project && reachabilityOf(input.project, dir, node.name, chain[0]!.name, match.advisory),
      });
    }
  }
  return hits;
}

/** The check for any dependency file; undefined when the path is not one. */
export function checkDependencyFile(input: CheckInput): DependencyHit[] | undefined {
  const kind = dependencyFileKind(input.path);
  if (!kind) return undefined;
  return kind === "package.json" ? checkManifest(input) : checkLockfile(input, kind);
}
