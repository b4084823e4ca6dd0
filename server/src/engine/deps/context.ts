/**
 * What a workspace scan adds to the analysis context for dependency checks: file-system project
 * facts, and, when `dependencies.onlineSources` is on, the OSV API asked up front about every
 * package in the scanned lockfiles (analysis itself stays synchronous and offline).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { AnalysisContext, ProjectFacts } from "../analyzer";
import type { AdvisorySource } from "./advisory-db";
import type { Settings } from "../settings";
import { defaultAdvisorySource, userCacheDir } from "./advisory-db";
import { LOCKFILES, dependencyFileKind, parseLockfile } from "./check";
import { OnlineAdvisories, type OnlineOptions, type PackageVersion } from "./osv-api";
import { createProjectFacts } from "./project-facts";

/** Every registry package in the lockfiles among `files`; lockfiles that do not parse are skipped. */
export function lockfilePackages(files: string[]): PackageVersion[] {
  const out: PackageVersion[] = [];
  for (const file of files) {
    const kind = dependencyFileKind(file);
    if (!kind || kind === "package.json") continue;
    try {
      for (const n of parseLockfile(kind, readFileSync(file, "utf8")).nodes.values()) if (!n.local && n.version) out.push({ name: n.name, version: n.version });
    } catch {
      // Reported as a parse error when the file itself is analysed.
    }
  }
  return out;
}

export async function dependencyContext(
  files: string[],
  settings: Settings,
  online: OnlineOptions = {},
): Promise<Pick<AnalysisContext, "project" | "advisories">> {
  const project = createProjectFacts();
  if (!settings.dependencies?.onlineSources) return { project };
  // VIGIL_OSV_API points at a mirror or a test server instead of api.osv.dev.
  const baseUrl = process.env.VIGIL_OSV_API ? { baseUrl: process.env.VIGIL_OSV_API } : {};
  const advisories = new OnlineAdvisories(defaultAdvisorySource(), { cacheFile: path.join(userCacheDir(), "osv-api-cache.json"), ...baseUrl, ...online });
  await advisories.prefetch(lockfilePackages(files));
  return { project, advisories };
}

/**
 * What a dependency file's findings depend on besides its own text, for result caches: the
 * manifest and lockfiles beside it and the advisory data's version. "" for other files.
 */
export function dependencyInputsKey(file: string, project: ProjectFacts, source: AdvisorySource): string {
  if (!dependencyFileKind(file)) return "";
  const dir = path.dirname(file);
  const hash = createHash("sha256").update(`${source.meta.date}\0${source.meta.records}\0${source.meta.importedAt}`);
  for (const name of ["package.json", ...LOCKFILES]) hash.update(`\0${name}\0${project.readFile(path.join(dir, name)) ?? ""}`);
  return hash.digest("hex");
}
