import { hasValidChecksum } from "./checksum";
import { entropy, isPlaceholder } from "./values";

/** A token format a provider issues, recognisable on its own wherever it appears. */
export interface ProviderPattern {
  /** Named in the message: "GitHub personal access token". */
  readonly name: string;
  /** Environment variable the fix suggests when the code gives no better name. */
  readonly envName: string;
  /**
   * Cheap pre-check: every match contains one of these literals, searched before the regex runs.
   * A literal that starts with a rare character is found fastest (the search skips to it).
   */
  readonly needles: readonly string[];
  /** Global regex; group 1, when present, is the secret within the match. */
  readonly regex: RegExp;
  /** Extra checks on the secret (checksums, context); the placeholder check always runs. */
  readonly accept?: (secret: string, text: string, index: number) => boolean;
}

/** The token part after the provider's fixed prefix should look random, not like filler. */
const randomTail = (prefixLength: number) => (secret: string) => entropy(secret.slice(prefixLength)) >= 3;

/** A JWT is a credential when it is signed and its payload carries claims; the jwt.io sample is not. */
function isRealJwt(token: string): boolean {
  const [, payload, signature] = token.split(".");
  if (!payload || !signature || signature.length < 16) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return false;
  const c = claims as Record<string, unknown>;
  if (c.sub === "1234567890" && c.name === "John Doe") return false;
  return ["sub", "iss", "aud", "exp", "iat", "email", "user_id", "uid", "scope", "role"].some((k) => k in c);
}

/** An AWS secret access key is 40 base64 characters: only trusted next to a name that says so. */
const AWS_SECRET_CONTEXT = /aws.{0,20}secret|secret.?access.?key/i;

export const PROVIDER_PATTERNS: readonly ProviderPattern[] = [
  {
    name: "AWS access key id",
    envName: "AWS_ACCESS_KEY_ID",
    needles: ["AKIA", "ASIA", "ABIA", "ACCA"],
    regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    accept: randomTail(4),
  },
  {
    name: "AWS secret access key",
    envName: "AWS_SECRET_ACCESS_KEY",
    needles: ["AccessKey", "ccess_key", "CCESS_KEY", "ccess-key", "ws_secret", "WS_SECRET", "Secret"],
    regex: /(?:aws|secret)[\w.-]{0,30}?(?:secret|key)["']?\s*(?::=|=>|[:=])\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (secret, text, index) => AWS_SECRET_CONTEXT.test(text.slice(Math.max(0, index - 60), index)) && entropy(secret) >= 4,
  },
  {
    name: "GitHub token",
    envName: "GITHUB_TOKEN",
    needles: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    regex: /\b(gh[pousr]_[A-Za-z0-9]{36})\b/g,
    accept: hasValidChecksum,
  },
  {
    name: "GitHub fine-grained personal access token",
    envName: "GITHUB_TOKEN",
    needles: ["github_pat_"],
    regex: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    accept: randomTail(11),
  },
  {
    name: "GitLab token",
    envName: "GITLAB_TOKEN",
    needles: ["glp", "gldt", "glrt"],
    regex: /\b(gl(?:pat|ptt|dt|rt)-[A-Za-z0-9_-]{20,})/g,
    accept: randomTail(6),
  },
  {
    name: "Slack token",
    envName: "SLACK_TOKEN",
    needles: ["xox"],
    regex: /\b(xox(?:b|p|a|r|s|e)-\d+-[A-Za-z0-9-]{16,})/g,
    accept: randomTail(5),
  },
  {
    name: "Slack webhook URL",
    envName: "SLACK_WEBHOOK_URL",
    needles: ["k.com/"],
    regex: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[AB][A-Z0-9]+\/[A-Za-z0-9]{20,})/g,
  },
  {
    name: "Stripe live secret key",
    envName: "STRIPE_SECRET_KEY",
    needles: ["_live_"],
    regex: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g,
    accept: randomTail(8),
  },
  {
    name: "Google API key",
    envName: "GOOGLE_API_KEY",
    needles: ["AIza"],
    regex: /\b(AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
    accept: randomTail(4),
  },
  {
    name: "Twilio API key",
    envName: "TWILIO_API_KEY",
    needles: ["SK"],
    regex: /\b(SK[0-9a-f]{32})\b/g,
    accept: randomTail(2),
  },
  {
    name: "SendGrid API key",
    envName: "SENDGRID_API_KEY",
    needles: ["SG."],
    regex: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  },
  {
    name: "npm access token",
    envName: "NPM_TOKEN",
    needles: ["npm_"],
    regex: /\b(npm_[A-Za-z0-9]{36})\b/g,
    accept: hasValidChecksum,
  },
  {
    name: "npm registry auth token",
    envName: "NPM_TOKEN",
    needles: ["_authToken"],
    regex: /_authToken\s*=\s*["']?([A-Za-z0-9._~+/=-]{20,})/g,
    accept: randomTail(0),
  },
  {
    name: "JSON Web Token",
    envName: "JWT",
    needles: ["yJ"],
    regex: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})/g,
    accept: isRealJwt,
  },
];

export interface ProviderMatch {
  pattern: ProviderPattern;
  secret: string;
  /** Offset of the secret in the text. */
  start: number;
}

/**
 * Needles with a `_` are found in one pass over the underscores (rare in most text) instead of one
 * full search each, looked up by the character before the underscore: this runs on every file.
 */
const AFTER_UNDERSCORE: { needle: string; at: number }[] = [];
const BY_PREVIOUS = new Map<string, { needle: string; at: number }[]>();
for (const needle of PROVIDER_PATTERNS.flatMap((p) => p.needles)) {
  const at = needle.indexOf("_");
  if (at === 0) AFTER_UNDERSCORE.push({ needle, at });
  else if (at > 0) BY_PREVIOUS.set(needle[at - 1]!, [...(BY_PREVIOUS.get(needle[at - 1]!) ?? []), { needle, at }]);
}
const UNANCHORED = PROVIDER_PATTERNS.flatMap((p) => p.needles).filter((n) => !n.includes("_"));

function presentNeedles(text: string): Set<string> {
  const found = new Set<string>();
  for (let i = text.indexOf("_"); i !== -1; i = text.indexOf("_", i + 1)) {
    for (const n of BY_PREVIOUS.get(text[i - 1] ?? "") ?? []) if (text.startsWith(n.needle, i - n.at)) found.add(n.needle);
    for (const n of AFTER_UNDERSCORE) if (text.startsWith(n.needle, i)) found.add(n.needle);
  }
  for (const n of UNANCHORED) if (text.includes(n)) found.add(n);
  return found;
}

export function findProviderTokens(text: string): ProviderMatch[] {
  const out: ProviderMatch[] = [];
  const present = presentNeedles(text);
  for (const pattern of PROVIDER_PATTERNS) {
    if (!pattern.needles.some((n) => present.has(n))) continue;
    for (const m of text.matchAll(pattern.regex)) {
      const secret = m[1] ?? m[0];
      const start = m.index! + m[0].lastIndexOf(secret);
      if (isPlaceholder(secret)) continue;
      if (pattern.accept && !pattern.accept(secret, text, start)) continue;
      out.push({ pattern, secret, start });
    }
  }
  return out;
}
