/**
 * OSV records (https://ossf.github.io/osv-schema/) reduced to what the dependency check needs,
 * and the matcher that decides whether an installed npm version is affected.
 */
import * as semver from "semver";
import type { Severity } from "../finding";
import { cvss3BaseScore, ratingOf } from "./cvss";

/** One advisory as Vigil stores it, holding only the affected entries of one npm package. */
export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  modified: string;
  withdrawn?: string;
  severity: Severity;
  /** Where the severity comes from: GitHub's rating, the CVSS vector, or neither (then "medium"). */
  severityFrom: "database" | "cvss" | "default";
  /** CVSS v3 base score when the record carries a vector. */
  score?: number;
  cwe: string[];
  /** The advisory's page, for hovers and reports. */
  url: string;
  affected: AffectedRange[];
}

export interface AffectedRange {
  /** SEMVER or ECOSYSTEM ranges (npm's ecosystem ordering is SemVer's). */
  ranges: { events: OsvEvent[] }[];
  versions: string[];
  /** Functions the advisory names (GitHub's `ecosystem_specific.affected_functions`). */
  functions: string[];
  /** GitHub's `database_specific.last_known_affected_version_range`, e.g. `< 4.0.0`. */
  lastKnownAffected?: string;
}

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

const DATABASE_SEVERITY: Record<string, Severity> = { LOW: "low", MODERATE: "medium", MEDIUM: "medium", HIGH: "high", CRITICAL: "critical" };

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Why a record cannot be used, or undefined when it is a well-formed OSV record. */
export function osvProblem(raw: unknown): string | undefined {
  if (!isRaw(raw)) return "not a JSON object";
  if (typeof raw.id !== "string" || !raw.id) return 'no "id"';
  if (typeof raw.modified !== "string") return `${raw.id}: no "modified" date`;
  if (raw.affected !== undefined && !Array.isArray(raw.affected)) return `${raw.id}: "affected" is not a list`;
  return undefined;
}

/** Severity from GitHub's rating, else the CVSS v3 vector; "medium" when the record gives neither. */
function severityOf(raw: Raw): Pick<Advisory, "severity" | "severityFrom" | "score"> {
  const scores = (Array.isArray(raw.severity) ? raw.severity : [])
    .map((s) => (isRaw(s) && typeof s.score === "string" ? cvss3BaseScore(s.score) : undefined))
    .filter((s): s is number => s !== undefined);
  const score = scores.length ? Math.max(...scores) : undefined;
  const rated = isRaw(raw.database_specific) ? DATABASE_SEVERITY[String(raw.database_specific.severity).toUpperCase()] : undefined;
  if (rated) return { severity: rated, severityFrom: "database", score };
  if (score !== undefined) return { severity: ratingOf(score) === "info" ? "low" : (ratingOf(score) as Severity), severityFrom: "cvss", score };
  return { severity: "medium", severityFrom: "default" };
}

/** The npm packages a record affects (lower-cased: npm names are case-insensitive), each with its advisory. */
export function advisoriesFromOsv(raw: Raw): Map<string, Advisory> {
  const out = new Map<string, Advisory>();
  const { severity, severityFrom, score } = severityOf(raw);
  const id = raw.id as string;
  for (const a of Array.isArray(raw.affected) ? raw.affected : []) {
    if (!isRaw(a) || !isRaw(a.package) || a.package.ecosystem !== "npm" || typeof a.package.name !== "string") continue;
    const name = a.package.name.toLowerCase();
    const ranges = (Array.isArray(a.ranges) ? a.ranges : [])
      .filter((r): r is Raw => isRaw(r) && (r.type === "SEMVER" || r.type === "ECOSYSTEM") && Array.isArray(r.events))
      .map((r) => ({ events: (r.events as unknown[]).filter(isEvent) }));
    const eco = isRaw(a.ecosystem_specific) ? a.ecosystem_specific : {};
    const db = isRaw(a.database_specific) ? a.database_specific : {};
    const range: AffectedRange = { ranges, versions: strings(a.versions), functions: strings(eco.affected_functions) };
    if (typeof db.last_known_affected_version_range === "string") range.lastKnownAffected = db.last_known_affected_version_range;
    let advisory = out.get(name);
    if (!advisory) {
      advisory = {
        id,
        aliases: strings(raw.aliases),
        summary: typeof raw.summary === "string" ? raw.summary : typeof raw.details === "string" ? raw.details.split("\n")[0]!.slice(0, 200) : id,
        modified: raw.modified as string,
        severity,
        severityFrom,
        cwe: isRaw(raw.database_specific) ? strings(raw.database_specific.cwe_ids) : [],
        url: advisoryUrl(id),
        affected: [],
      };
      if (score !== undefined) advisory.score = score;
      if (typeof raw.withdrawn === "string") advisory.withdrawn = raw.withdrawn;
      out.set(name, advisory);
    }
    advisory.affected.push(range);
  }
  return out;
}

function isEvent(e: unknown): e is OsvEvent {
  if (!isRaw(e)) return false;
  const keys = Object.keys(e);
  return keys.length === 1 && ["introduced", "fixed", "last_affected", "limit"].includes(keys[0]!) && typeof e[keys[0]!] === "string";
}

export function advisoryUrl(id: string): string {
  return id.startsWith("GHSA-") ? `https://github.com/advisories/${id}` : `https://osv.dev/vulnerability/${id}`;
}

const versionCache = new Map<string, semver.SemVer | null>();
/** An event version as SemVer: strict, then loose, then coerced (`"1.0"` -> 1.0.0), prerelease kept. */
export function eventVersion(v: string): semver.SemVer | null {
  let hit = versionCache.get(v);
  if (hit === undefined) {
    hit = v === "0" ? new semver.SemVer("0.0.0-0") : (semver.parse(v) ?? semver.parse(v, { loose: true }) ?? semver.coerce(v, { includePrerelease: true }));
    versionCache.set(v, hit);
  }
  return hit;
}

export type Verdict = "affected" | "doubtful" | "unaffected";

interface ParsedEvent {
  kind: string;
  at: semver.SemVer;
}
const parsedEvents = new WeakMap<object, ParsedEvent[]>();

/** A range's events with parsed versions, in version order; computed once per range. */
function sortedEvents(range: { events: OsvEvent[] }): ParsedEvent[] {
  let events = parsedEvents.get(range);
  if (!events) {
    events = range.events
      .map((e) => {
        const [kind, raw] = Object.entries(e)[0]! as [string, string];
        return { kind, at: eventVersion(raw) };
      })
      .filter((e): e is ParsedEvent => e.at !== null)
      .sort((a, b) => semver.compare(a.at, b.at));
    parsedEvents.set(range, events);
  }
  return events;
}

/**
 * Whether `version` is affected, by the OSV evaluation: events in version order, `introduced`
 * opens, `fixed` closes before, `last_affected` closes after, `limit` caps the range. "doubtful"
 * when only an open-ended range matches and GitHub's last-known-affected range excludes the
 * version (the record probably lacks its fix event).
 */
export function verdict(affected: AffectedRange, version: string): Verdict {
  const v = semver.parse(version);
  if (!v) return "unaffected";
  if (affected.versions.includes(v.version)) return "affected";
  let doubtful = false;
  for (const range of affected.ranges) {
    const events = sortedEvents(range);
    const limits = events.filter((e) => e.kind === "limit");
    if (limits.length && !limits.some((l) => semver.lt(v, l.at))) continue;
    let hit = false;
    for (const e of events) {
      if (e.kind === "limit") continue;
      if (e.kind === "introduced" && semver.gte(v, e.at)) hit = true;
      else if ((e.kind === "fixed" && semver.gte(v, e.at)) || (e.kind === "last_affected" && semver.gt(v, e.at))) hit = false;
    }
    if (!hit) continue;
    const bounded =
      limits.length > 0 || events.some((e) => (e.kind === "fixed" && semver.gt(e.at, v)) || (e.kind === "last_affected" && semver.gte(e.at, v)));
    if (!bounded && affected.lastKnownAffected && !semver.satisfies(v, affected.lastKnownAffected, { includePrerelease: true })) {
      doubtful = true;
      continue;
    }
    return "affected";
  }
  return doubtful ? "doubtful" : "unaffected";
}

/** The verdict over every affected entry of an advisory: affected beats doubtful beats unaffected. */
export function advisoryVerdict(advisory: Advisory, version: string): Verdict {
  let result: Verdict = "unaffected";
  for (const a of advisory.affected) {
    const v = verdict(a, version);
    if (v === "affected") return v;
    if (v === "doubtful") result = v;
  }
  return result;
}

/**
 * The lowest version that fixes `advisory` above `version`, preferring the same major; undefined
 * when the record names no fix.
 */
export function firstFixed(advisory: Advisory, version: string): string | undefined {
  const v = semver.parse(version);
  if (!v) return undefined;
  const fixes = advisory.affected
    .flatMap((a) => a.ranges.flatMap((r) => r.events))
    .flatMap((e) => ("fixed" in e ? [eventVersion(e.fixed)] : []))
    .filter((f): f is semver.SemVer => f !== null && semver.gt(f, v))
    .sort(semver.compare);
  return fixes[0]?.version;
}
