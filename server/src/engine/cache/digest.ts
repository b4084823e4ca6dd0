import * as crypto from "node:crypto";

/**
 * A short content digest (SHA-1, base64url: 27 characters) for cache keys. A string is digested as
 * its UTF-8 bytes, so a file's text and its raw bytes agree whenever the file is valid UTF-8.
 */
export function digest(data: string | Buffer): string {
  return crypto.hash("sha1", data, "base64url");
}

/** One digest over several parts; the separator keeps ["ab", "c"] apart from ["a", "bc"]. */
export function digestParts(parts: Iterable<string>): string {
  const hash = crypto.createHash("sha1");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("base64url");
}
