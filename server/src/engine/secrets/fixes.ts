import * as path from "node:path";
import type { Fix } from "../finding";
import type { LineIndex } from "../text";

/** `dbPassword` / `db.password` / `DB_PASSWORD` -> `DB_PASSWORD`. */
export function envVarName(key: string): string {
  return key
    .replace(/^.*\b(?:process\.env|os\.environ)\.?/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** The name a literal is bound to just before it on its line: `const apiKey = "`, `token: '`. */
export function boundName(text: string, literalStart: number): string | undefined {
  const before = text.slice(Math.max(0, text.lastIndexOf("\n", literalStart) + 1), literalStart);
  return /([A-Za-z_$][\w$.]*)["']?\s*(?::|=)\s*$/.exec(before)?.[1];
}

/** Span of the string literal the secret fills entirely, quotes included. */
export function enclosingLiteral(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const q = text[start - 1];
  if ((q === '"' || q === "'" || q === "`") && text[end] === q) return { start: start - 1, end: end + 1 };
  return undefined;
}

/** Suggests reading the value from the environment instead: JS/TS and Python only. */
export function environmentFix(
  language: string | undefined,
  lines: LineIndex,
  literal: { start: number; end: number },
  name: string,
): Fix | undefined {
  const read =
    language === "python"
      ? `os.environ["${name}"]`
      : language && /^(?:java|type)script/.test(language)
        ? `process.env.${name}`
        : undefined;
  if (!read) return undefined;
  return {
    title: `Read the secret from the environment (${read})`,
    edits: [{ range: lines.rangeOf(literal.start, literal.end), newText: read }],
    isPreferred: false,
  };
}

/** Example and template env files are meant to be committed; real ones are not. */
export function isCommittableEnvFile(filePath: string): boolean {
  return /\.(?:example|sample|template|dist|defaults?)$/i.test(path.basename(filePath));
}

/** Suggests keeping a dotenv file out of git: an entry at the top of the sibling `.gitignore`. */
export function gitignoreFix(filePath: string): Fix {
  const name = path.basename(filePath);
  return {
    title: `Add ${name} to .gitignore (and remove it from the repository with git rm --cached)`,
    edits: [{ path: path.join(path.dirname(filePath), ".gitignore"), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${name}\n` }],
    isPreferred: false,
  };
}
