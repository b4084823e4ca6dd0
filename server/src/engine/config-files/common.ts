import type { RawFinding } from "../analyzer";
import type { Fix, Range } from "../finding";
import { notice } from "../notice";
import type { RuleSelection } from "../rule-selection";
import { namesSecret } from "../secrets/assignments";
import { isPlaceholder, mask } from "../secrets/values";

/** Collects the findings of one file, dropping those of rules that are off. */
export class Findings {
  readonly list: RawFinding[] = [];
  constructor(private readonly selection: RuleSelection) {}
  on(ruleId: string): boolean {
    return this.selection.enabled.has(ruleId);
  }
  add(ruleId: string, message: string, range: Range, fixes: Fix[] = []): void {
    if (this.on(ruleId)) this.list.push({ ...notice(ruleId, message, range), fixes });
  }
}

/**
 * A secret-named setting given a literal value in a Dockerfile, manifest or compose file; values
 * taken from variables (`$TOKEN`, `${TOKEN}`) and placeholders are not secrets.
 */
export function literalSecret(key: string, value: string | undefined): string | undefined {
  if (!value || !namesSecret(key)) return undefined;
  if (/^\$|\$\{|\{\{/.test(value) || isPlaceholder(value)) return undefined;
  return mask(value);
}

/** `image`, `image:tag`, `image@sha256:...`, `registry:5000/ns/image:tag`. */
export function imageReference(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const nameTag = at >= 0 ? ref.slice(0, at) : ref;
  const colon = nameTag.lastIndexOf(":");
  const tag = colon > nameTag.lastIndexOf("/") ? nameTag.slice(colon + 1) : undefined;
  return { name: tag !== undefined ? nameTag.slice(0, colon) : nameTag, tag, digest };
}

/** Why an image reference is not pinned, or undefined when it is (a digest, or a version tag). */
export function unpinnedReason(ref: string): string | undefined {
  const { tag, digest } = imageReference(ref);
  if (digest) return undefined;
  if (tag === undefined) return "has no tag, so it means :latest";
  if (tag === "latest") return "uses the :latest tag";
  return undefined;
}
