/** Installed packages against advisories: which apply, and the upgrade that clears them. */
import * as semver from "semver";
import type { AdvisorySource } from "./advisory-db";
import { advisoryVerdict, eventVersion, type Advisory } from "./osv";

export interface Match {
  advisory: Advisory;
  /** "doubtful": only an open-ended range matches and GitHub's own range data says otherwise. */
  verdict: "affected" | "doubtful";
}

/**
 * The advisories that apply to `name@version`. Withdrawn records never apply; records that are
 * aliases of one another (a GHSA and the same issue under another id) count once, the GHSA kept.
 */
export function advisoriesAffecting(source: AdvisorySource, name: string, version: string): Match[] {
  const out: Match[] = [];
  const seen = new Set<string>();
  const candidates = [...source.advisoriesFor(name)].sort((a, b) => Number(b.id.startsWith("GHSA-")) - Number(a.id.startsWith("GHSA-")) || (a.id < b.id ? -1 : 1));
  for (const advisory of candidates) {
    if (advisory.withdrawn) continue;
    if (seen.has(advisory.id) || advisory.aliases.some((a) => seen.has(a))) continue;
    const verdict = advisoryVerdict(advisory, version);
    if (verdict === "unaffected") continue;
    seen.add(advisory.id);
    for (const a of advisory.aliases) seen.add(a);
    out.push({ advisory, verdict });
  }
  return out.sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : 1));
}

export interface Upgrade {
  version: string;
  /** Outside what a caret range from the installed version allows: expect breaking changes. */
  breaking: boolean;
}

/**
 * The lowest version that no known advisory affects, among the versions advisories name as fixes:
 * within the installed version's caret range if one exists, else the same major, else any.
 */
export function upgradeFor(source: AdvisorySource, name: string, version: string): Upgrade | undefined {
  const current = semver.parse(version);
  if (!current) return undefined;
  const live = source.advisoriesFor(name).filter((a) => !a.withdrawn);
  if (live.every((a) => advisoryVerdict(a, current.version) !== "affected")) return undefined;
  const candidates = [
    ...new Set(
      live
        .flatMap((a) => a.affected.flatMap((r) => r.ranges.flatMap((g) => g.events)))
        .flatMap((e) => ("fixed" in e ? [eventVersion(e.fixed)?.version] : []))
        .filter((v): v is string => !!v && semver.gt(v, current) && !semver.prerelease(v)),
    ),
  ].sort(semver.compare);
  const clean = candidates.filter((v) => live.every((a) => advisoryVerdict(a, v) !== "affected"));
  const caret = clean.find((v) => semver.satisfies(v, `^${current.version}`));
  if (caret) return { version: caret, breaking: false };
  const pick = clean.find((v) => semver.major(v) === current.major) ?? clean[0];
  return pick ? { version: pick, breaking: true } : undefined;
}
