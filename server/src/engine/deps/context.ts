/**
 * What a workspace scan adds to the analysis context for dependency checks: file-system project
 * facts, and, when `dependencies.onlineSources` is on, the OSV API asked up front about every
 * package in the scanned lockfiles (analysis itself stays synchronous and offline).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { AnalysisContext } from "../analyzer";
import type { Settings } from "../settings";
import { defaultAdvisorySource, userCacheDir } from "./advisory-db";
import { dependencyFileKind, parseLockfile } from "./check";
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
  const advisories = new OnlineAdvisories(defaultAdvisorySource(), { cacheFile: path.join(userCacheDir(), "osv-api-cache.json"), ...online });
  await advisories.prefetch(lockfilePackages(files));
  return { project, advisories };
}
