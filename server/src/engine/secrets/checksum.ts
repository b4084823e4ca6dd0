import { crc32 } from "node:zlib";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(n: number, width: number): string {
  let out = "";
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, "0");
}

/**
 * GitHub's token formats (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) end in the base62 CRC32 of the
 * 30 random characters before it; npm's `npm_` tokens use the same scheme. A string that fails the
 * check is a made-up or mangled token, not a live one.
 */
export function hasValidChecksum(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
