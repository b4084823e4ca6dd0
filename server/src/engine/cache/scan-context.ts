import type { AdvisorySource } from "../deps/advisory-db";
import type { Settings } from "../settings";
import { isExpired } from "../threatmodel/model";
import type { ThreatModelContext } from "../threatmodel/scope";
import { digestParts } from "./digest";

/**
 * What every file's result depends on besides its own inputs: the settings (rule selection,
 * severities, limits), the threat models with which of their acceptances have expired by the
 * scan's clock, and the advisory data's version.
 */
export function scanContextDigest(settings: Settings, threatModels: ThreatModelContext | undefined, advisories: AdvisorySource): string {
  const models = threatModels?.models ?? [];
  const expired = models.map((m) => m.accepted.map((a) => (isExpired(a, threatModels!.now) ? "1" : "0")).join(""));
  return digestParts([canonicalJson(settings), canonicalJson(models), expired.join(","), canonicalJson(advisories.meta)]);
}

/** JSON with object keys sorted, so equal settings give equal text whatever order they were built in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
