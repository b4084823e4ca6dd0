import * as path from "node:path";
import type { Range } from "../finding";

/** A threat model as read from `threatmodel.yaml`, with the source range of what findings point at. */

export const THREAT_MODEL_FILE_NAMES = ["threatmodel.yaml", ".threatmodel.yaml", "threatmodel.yml", ".threatmodel.yml"] as const;
/** The name a new model gets when a folder has none. */
export const NEW_THREAT_MODEL_FILE = "threatmodel.yaml";

export const STRIDE = [
  "spoofing",
  "tampering",
  "repudiation",
  "information-disclosure",
  "denial-of-service",
  "elevation-of-privilege",
] as const;
export type Stride = (typeof STRIDE)[number];

export const THREAT_STATUSES = ["open", "mitigated", "accepted", "transferred"] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];

export const CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export interface Asset {
  id: string;
  description?: string;
  classification?: Classification;
  data: string[];
  range: Range;
}

export interface Threat {
  id: string;
  title: string;
  stride?: Stride;
  cwe: string[];
  assets: string[];
  status: ThreatStatus;
  mitigation?: string;
  owner?: string;
  references: string[];
  /** The `- id: ...` entry, for pointing at the threat. */
  range: Range;
}

export interface Acceptance {
  rule: string;
  fingerprint: string;
  /** As written: relative to the model's folder, `/`-separated. */
  path: string;
  reason: string;
  /** `YYYY-MM-DD`; the acceptance holds through that day (UTC). */
  expires?: string;
  approvedBy?: string;
  threat?: string;
  range: Range;
  expiresRange?: Range;
}

export interface ThreatModel {
  /** Absolute path of the model file. */
  file: string;
  component?: string;
  description?: string;
  assets: Asset[];
  threats: Threat[];
  accepted: Acceptance[];
}

export function isThreatModelFile(filePath: string): boolean {
  return (THREAT_MODEL_FILE_NAMES as readonly string[]).includes(path.basename(filePath));
}

/** The folder a model describes: its own folder and everything under it. */
export function modelScope(model: ThreatModel): string {
  return path.dirname(model.file);
}

/** The acceptance's file as an absolute path. */
export function acceptedPath(model: ThreatModel, acceptance: Acceptance): string {
  return path.resolve(modelScope(model), ...acceptance.path.split("/"));
}

/** Expired once the expiry day is over, in UTC. */
export function isExpired(acceptance: Acceptance, now: Date): boolean {
  if (!acceptance.expires) return false;
  const end = Date.parse(`${acceptance.expires}T00:00:00Z`) + 86_400_000;
  return Number.isFinite(end) && now.getTime() >= end;
}

/** Whole days from `now` until the acceptance expires (negative once expired); undefined with no expiry. */
export function daysLeft(acceptance: Acceptance, now: Date): number | undefined {
  if (!acceptance.expires) return undefined;
  const end = Date.parse(`${acceptance.expires}T00:00:00Z`) + 86_400_000;
  return Math.ceil((end - now.getTime()) / 86_400_000) - 1;
}
