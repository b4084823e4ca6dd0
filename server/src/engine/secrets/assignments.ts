import { isPlaceholder, looksRandom } from "./values";

/**
 * Secret-named keys bound to literal values: `DB_PASSWORD=...` in .env, `"apiKey": "..."` in JSON,
 * `client_secret: ...` in YAML, `api_key = "..."` in Python. The key must end in a word that names
 * a secret (so `passwordHint` and `tokenUrl` do not count) and the value must look generated.
 */

/** Finds where a secret word occurs; the whole key around it is checked afterwards. */
const SECRET_WORD = /passw(?:or)?d|pwd|passphrase|secret|token|credentials?|api_?key|(?:access|private|auth|signing|encryption|client|master|session)[_-]?key/gi;

const LAST_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "credentials", "apikey"]);
const KEY_QUALIFIERS = new Set(["api", "access", "secret", "private", "auth", "signing", "encryption", "client", "master", "session"]);
/** Keys that name a secret's metadata, not the secret. */
const NOT_A_SECRET = /(?:^|[._-])(?:type|name|names|id|ids|file|path|url|uri|endpoint|ref|length|field|label|prompt|hint|header|pattern|regex|format|expires?(?:_?in|_?at)?|ttl|count|policy|mode|version)$/i;

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function namesSecret(key: string): boolean {
  if (NOT_A_SECRET.test(key)) return false;
  const w = words(key);
  const last = w[w.length - 1];
  if (!last) return false;
  if (LAST_WORDS.has(last)) return true;
  return last === "key" && w.length > 1 && KEY_QUALIFIERS.has(w[w.length - 2]!);
}

export interface Assignment {
  key: string;
  value: string;
  /** Offsets of the value, without quotes. */
  start: number;
  /** Offsets of the whole literal, with its quotes (the span a fix replaces); absent when bare. */
  literal?: { start: number; end: number };
}

/** After the key: optional closing quote, an assignment operator, then the value. */
const BINDING = /["']?[ \t]*(?::=|=>|:|=(?!=))[ \t]*(?:(["'`])((?:(?!\1)[^\\\r\n]|\\.)*)\1|([^\s"'`,;}\]]+))/y;
const KEY_CHAR = /[\w.-]/;

/** `quotedOnly`: in code a bare value is an expression (a variable), not a literal. */
export function findAssignments(text: string, quotedOnly: boolean): Assignment[] {
  const out: Assignment[] = [];
  let lastEnd = -1;
  for (const m of text.matchAll(SECRET_WORD)) {
    let keyStart = m.index!;
    let keyEnd = keyStart + m[0].length;
    if (keyEnd <= lastEnd) continue;
    while (keyStart > 0 && KEY_CHAR.test(text[keyStart - 1]!)) keyStart--;
    while (keyEnd < text.length && KEY_CHAR.test(text[keyEnd]!)) keyEnd++;
    lastEnd = keyEnd;
    const key = text.slice(keyStart, keyEnd);
    if (!namesSecret(key)) continue;
    BINDING.lastIndex = keyEnd;
    const b = BINDING.exec(text);
    if (!b) continue;
    const quoted = b[2] !== undefined;
    if (!quoted && quotedOnly) continue;
    const value = quoted ? b[2]! : b[3]!;
    if (!looksRandom(value) || isPlaceholder(value)) continue;
    const valueEnd = keyEnd + b[0].length - (quoted ? 1 : 0);
    const start = valueEnd - value.length;
    out.push({ key, value, start, literal: quoted ? { start: start - 1, end: valueEnd + 1 } : undefined });
  }
  return out;
}
