import * as path from "node:path";
import type { Analyzer, RawFinding } from "../analyzer";
import type { Fix } from "../finding";
import { JS_LANGUAGES, type Language } from "../language";
import { notice } from "../notice";
import type { LineIndex } from "../text";
import { findAssignments } from "./assignments";
import { boundName, enclosingLiteral, environmentFix, envVarName, gitignoreFix, isCommittableEnvFile } from "./fixes";
import { findPrivateKeys } from "./private-keys";
import { findProviderTokens } from "./providers";
import { mask } from "./values";

/** Binary formats, lockfiles and generated files: never a place someone types a key. */
const SKIPPED_EXTENSIONS = new Set(
  ("png jpg jpeg gif bmp ico webp avif tif tiff psd svgz woff woff2 ttf otf eot mp3 mp4 m4a wav ogg webm mov avi " +
    "pdf zip gz tgz bz2 xz 7z rar jar war class dll so dylib exe node wasm bin dat db sqlite pyc lock map snap")
    .split(" ")
    .map((e) => `.${e}`),
);
const LOCKFILES = new Set(["package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "go.sum", "bun.lockb"]);

/** Config formats where `key: value` may be bare; in code only quoted literals are values. */
const CONFIG_EXTENSIONS = new Set([".ini", ".cfg", ".conf", ".toml", ".sh", ".bash", ".zsh", ".tf", ".tfvars", ".hcl"]);
const CONFIG_LANGUAGES = new Set<Language>(["yaml", "json", "jsonc", "dotenv", "properties"]);
const CONFIG_NAMES = new Set([".npmrc", ".pypirc", ".netrc", ".yarnrc", ".yarnrc.yml"]);
const CODE_EXTENSIONS = new Set([".py", ".rb", ".go", ".java", ".kt", ".kts", ".scala", ".php", ".cs", ".swift", ".rs", ".gradle", ".xml", ".groovy"]);

function isSkipped(filePath: string): boolean {
  const base = path.basename(filePath);
  return LOCKFILES.has(base) || /\.min\.(?:js|css)$/.test(base) || SKIPPED_EXTENSIONS.has(path.extname(base).toLowerCase());
}

/**
 * Which secret-named assignments to look for: none in JS/TS (the js/hardcoded-credentials rule reads
 * those with the AST) or in prose (docs show sample values); bare values only in config formats.
 */
function assignmentMode(filePath: string, language: Language | undefined): "config" | "code" | "none" {
  const ext = path.extname(filePath).toLowerCase();
  if ((language && CONFIG_LANGUAGES.has(language)) || CONFIG_EXTENSIONS.has(ext) || CONFIG_NAMES.has(path.basename(filePath))) return "config";
  if (language === "python" || CODE_EXTENSIONS.has(ext)) return "code";
  return "none";
}

/** Secrets in any text file: provider-shaped tokens, private keys, and secrets bound to secret-named keys. */
export const secretsAnalyzer: Analyzer = {
  name: "secrets",
  handles: (filePath) => !isSkipped(filePath),
  analyze({ path: filePath, language, lines, selection }) {
    const text = lines.text;
    const out: RawFinding[] = [];
    const envFile = language === "dotenv" && !isCommittableEnvFile(filePath) ? gitignoreFix(filePath) : undefined;
    const extraFixes = envFile ? [envFile] : [];
    const tokens = findProviderTokens(text);
    if (selection.enabled.has("secrets/provider-token")) {
      for (const m of tokens) {
        const end = m.start + m.secret.length;
        const literal = enclosingLiteral(text, m.start, end);
        const name = (literal && boundName(text, literal.start)) ?? m.pattern.envName;
        // Starting at the quote lines the finding up with the AST rules' literal, so duplicates fold.
        const range = lines.rangeOf(literal?.start ?? m.start, literal?.end ?? end);
        out.push(secretFinding("secrets/provider-token", `${m.pattern.name} ${mask(m.secret)} is written into this file, where anyone who can read it can use it; revoke it and load it from a secret store or the environment.`, range, [
          ...literalFix(language, lines, literal, envVarName(name)),
          ...extraFixes,
        ]));
      }
    }
    if (selection.enabled.has("secrets/private-key")) {
      for (const k of findPrivateKeys(text)) {
        out.push(secretFinding("secrets/private-key", `This ${k.kind} is written into this file; anyone who can read it can impersonate its owner. Revoke it and keep keys out of the repository.`, lines.rangeOf(k.start, k.end), extraFixes));
      }
    }
    const mode = assignmentMode(filePath, language);
    if (mode !== "none" && selection.enabled.has("secrets/hardcoded-secret")) {
      // A provider token bound to a secret-named key is reported once, by the more precise rule.
      const tokenStarts = new Set(tokens.map((t) => t.start));
      for (const a of findAssignments(text, mode === "code")) {
        if (tokenStarts.has(a.start)) continue;
        const span = a.literal ?? { start: a.start, end: a.start + a.value.length };
        out.push(secretFinding("secrets/hardcoded-secret", `"${a.key}" holds a hard-coded secret (${mask(a.value)}); anyone who can read this file can use it. Load it from a secret store or the environment.`, lines.rangeOf(span.start, span.end), [
          ...literalFix(language, lines, a.literal, envVarName(a.key)),
          ...extraFixes,
        ]));
      }
    }
    return out;
  },
};

function literalFix(language: Language | undefined, lines: LineIndex, literal: { start: number; end: number } | undefined, name: string): Fix[] {
  if (!literal || !name) return [];
  const lang = language && (JS_LANGUAGES.includes(language) || language === "python") ? language : undefined;
  const fix = environmentFix(lang, lines, literal, name);
  return fix ? [fix] : [];
}

function secretFinding(ruleId: string, message: string, range: RawFinding["range"], fixes: Fix[]): RawFinding {
  return { ...notice(ruleId, message, range), fixes };
}
