/** PEM, OpenSSH and PGP private key blocks, also inside string literals with `\n` escapes. */

const HEADER = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;

/** Separators a key body may carry between its base64 lines: newlines, escapes, quotes, `+` joins. */
const FILLER = /(?:\\[nr]|[\s"'`+,]|Proc-Type:[^\n\\]*|DEK-Info:[^\n\\]*|Version:[^\n\\]*|Comment:[^\n\\]*)+/g;

const FLAVOURS: Record<string, string> = { RSA: "RSA ", DSA: "DSA ", EC: "EC ", OPENSSH: "OpenSSH ", ENCRYPTED: "encrypted ", PGP: "PGP " };

export interface PrivateKeyMatch {
  kind: string;
  /** Offsets of the BEGIN line (from its opening quote inside a literal): what a finding points at. */
  start: number;
  end: number;
}

/** A header followed by a real body (at least 64 base64 characters), not code that builds one. */
export function findPrivateKeys(text: string): PrivateKeyMatch[] {
  if (!text.includes("PRIVATE KEY")) return [];
  const out: PrivateKeyMatch[] = [];
  for (const m of text.matchAll(HEADER)) {
    const end = m.index! + m[0].length;
    const body = text.slice(end, end + 600).replace(FILLER, "");
    if (!/^[A-Za-z0-9+/=]{64}/.test(body)) continue;
    const flavour = m[1]!.replace(/PRIVATE KEY(?: BLOCK)?/, "").trim();
    // Inside a string literal the finding starts at its quote, where AST rules report the literal.
    const start = /["'`]/.test(text[m.index! - 1] ?? "") ? m.index! - 1 : m.index!;
    out.push({ kind: `${FLAVOURS[flavour] ?? ""}private key`, start, end });
  }
  return out;
}
