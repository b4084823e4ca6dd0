/**
 * What identifier names suggest. Several rules decide from names (a password, a token, a session
 * cookie), so the word lists live once here.
 */

/** `apiKey`, `API_KEY`, `api-key`, `XMLHttpToken` -> lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const PASSWORD_WORDS = new Set(["password", "passwd", "pwd", "pw", "passphrase", "pass", "secret"]);

/** A name for a password or a comparable secret that is hashed for storage. */
export function isPasswordName(name: string | undefined): boolean {
  return !!name && words(name).some((w) => PASSWORD_WORDS.has(w) || w.startsWith("password"));
}

/** Words before `key` that make it a secret key (`apiKey`), not a map key or storage key. */
const KEY_QUALIFIERS = new Set([
  "api", "access", "private", "secret", "signing", "sign", "encryption", "encrypt", "master", "client",
  "app", "license", "consumer", "service", "aes", "hmac", "jwt", "session", "crypto", "auth", "write", "admin",
]);

/** A name that ends in a secret key: `apiKey`, `SECRET_KEY`, `privateKey`. */
function endsInSecretKey(ws: string[]): boolean {
  const last = ws[ws.length - 1];
  const before = ws[ws.length - 2];
  return (last === "key" || last === "keys") && before !== undefined && KEY_QUALIFIERS.has(before);
}

/** Last words that describe something about a secret rather than hold it: `tokenUrl`, `passwordField`. */
const DESCRIPTORS = new Set([
  "url", "uri", "endpoint", "path", "file", "filename", "name", "type", "header", "field", "label", "placeholder",
  "prefix", "suffix", "regex", "regexp", "pattern", "length", "len", "min", "max", "policy", "hint", "message", "msg",
  "error", "env", "var", "param", "params", "storage", "input", "selector", "event", "route", "column", "attr",
  "location", "dir", "mode", "format", "version", "expiry", "expires", "expiration", "ttl", "count", "id", "index",
  "text", "title", "description", "rule", "rules", "strength", "visible", "required", "changed", "reset", "validator",
  "schema", "size", "timeout", "enabled", "provider", "method", "scheme", "kind", "option", "options", "config", "class",
  "key", "keys", "prompt", "icon", "link", "button", "form", "dialog", "modal", "component", "state", "status",
]);

const CREDENTIAL_WORDS = new Set([
  "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "tokens", "credential", "credentials",
  "auth", "authorization", "apikey", "accesskey", "privatekey", "clientsecret", "bearer",
]);

/** A name that holds a credential: `password`, `apiKey`, `clientSecret`, `GITHUB_TOKEN`, `auth`. */
export function isCredentialName(name: string | undefined): boolean {
  if (!name) return false;
  const ws = words(name);
  if (ws.length === 0) return false;
  if (endsInSecretKey(ws)) return true;
  if (DESCRIPTORS.has(ws[ws.length - 1]!)) return false;
  return ws.some((w) => CREDENTIAL_WORDS.has(w));
}

/**
 * How a credential name can be spelled in source text: `words` splits names only where case or
 * punctuation changes, so each credential word appears lower-case, capitalised or upper-case.
 */
export function credentialNameSpellings(): string[] {
  return [...CREDENTIAL_WORDS, "key"].flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);
}

/** Words for values that must be unguessable: tokens, nonces, salts, session ids, one-time codes. */
const UNGUESSABLE_WORDS = new Set([
  "token", "tokens", "secret", "password", "passwd", "pwd", "passphrase", "nonce", "salt", "otp", "totp", "csrf",
  "xsrf", "session", "sid", "sessionid", "apikey", "verifier", "challenge",
]);

/** A name for a value that must be unguessable. Plain `id`/`key`/`uuid` are left out: most are DOM or list ids. */
export function isUnguessableName(name: string | undefined): boolean {
  if (!name) return false;
  const ws = words(name);
  if (endsInSecretKey(ws)) return true;
  if (ws.length > 1 && DESCRIPTORS.has(ws[ws.length - 1]!) && ws[ws.length - 1] !== "id") return false;
  return ws.some((w) => UNGUESSABLE_WORDS.has(w));
}

/** Names that say a random number is for timing, layout or sampling, where predictability is fine. */
const HARMLESS_RANDOM_WORDS = new Set([
  "delay", "jitter", "backoff", "timeout", "retry", "sample", "sampling", "sampled", "animation", "color", "colour",
  "opacity", "angle", "rotation", "shuffle", "shuffled", "duration", "wait", "sleep", "interval", "offset", "width",
  "height", "probability", "chance", "weight", "percent", "noise", "x", "y", "z", "hue", "speed", "position", "pos",
  "spread", "index", "idx", "pick", "choice", "random", "rand", "rnd",
]);

export function isHarmlessRandomName(name: string | undefined): boolean {
  return !!name && words(name).some((w) => HARMLESS_RANDOM_WORDS.has(w));
}

/** Cookie names that carry a session or credential (`connect.sid`, `access_token`), not a CSRF token. */
export function isSessionCookieName(name: string): boolean {
  const ws = words(name);
  if (ws.some((w) => w === "csrf" || w === "xsrf")) return false;
  return ws.some((w) => ["session", "sess", "sid", "token", "auth", "jwt", "sessionid", "jsessionid", "phpsessid"].includes(w));
}

/** `UPPER_SNAKE_CASE` for an environment variable named after an identifier. */
export function upperSnake(name: string): string {
  return words(name).join("_").toUpperCase();
}
