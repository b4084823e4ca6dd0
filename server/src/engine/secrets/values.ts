/** What a candidate secret value looks like: entropy, placeholders, masking. */

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER =
  /example|sample|dummy|placeholder|changeme|change[_-]me|replace[_-]?me|your[_-]?(?:own[_-]?)?(?:api|access|secret|key|token|pass|client|app)|x{4,}|X{4,}|\*{3,}|\.{3}|<[^>]*>|\$\{|\$\(|\{\{|%\(|^\$[A-Za-z_]|^%[A-Z_]+%$|redacted|insert[_-]|fake|dummy|mock|not[_-]?a[_-]?(?:real|secret)|^(?:test|secret|password|token|null|undefined|none|true|false)$/i;

/** Placeholders and documentation values that stand in for a secret and are not one. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  // A long run of one character ("sk_live_000000...") is filler, not a key.
  return /(.)\1{5,}/.test(value) || new Set(value).size < Math.min(8, value.length / 2);
}

/**
 * Shows a few leading characters so a reader can tell which secret it is, never enough to use it;
 * a fixed run of stars, so not even the length shows.
 */
export function mask(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 5)))}********`;
}

/**
 * A value that could be a generated secret: long enough, varied enough, not prose, not a path or
 * an identifier. Thresholds sit where real keys are and words, paths and ids are not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 10 || value.length > 400 || /\s/.test(value)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)*$/i.test(value) || /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false;
  if (/^(?:https?|file|ftp):\/\//i.test(value) && !/\/\/[^/@\s]+:[^/@\s]+@/.test(value)) return false;
  if (/^[.~]?\/|^[A-Za-z]:\\/.test(value) || /^[\w.-]+\.(?:js|ts|json|ya?ml|pem|key|crt|txt|html?)$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return classes >= 2 && entropy(value) >= 3.2;
}
