import * as path from "node:path";

/** VS Code language ids for what Vigil analyses. */
export const LANGUAGES = [
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "python",
  "dockerfile",
  "yaml",
  "json",
  "jsonc",
  "dotenv",
  "properties",
] as const;
export type Language = (typeof LANGUAGES)[number];

export const JS_LANGUAGES: readonly Language[] = ["javascript", "javascriptreact", "typescript", "typescriptreact"];

const BY_EXTENSION: Record<string, Language> = {
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascriptreact",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "typescriptreact",
  ".py": "python",
  ".dockerfile": "dockerfile",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
  ".jsonc": "jsonc",
  ".env": "dotenv",
  ".properties": "properties",
};

/** Files known by name when the extension says nothing: `Dockerfile`, `Dockerfile.prod`, `.env.local`. */
function languageByName(base: string): Language | undefined {
  if (/^(?:dockerfile|containerfile)(?:\.|$)|\.containerfile$/i.test(base)) return "dockerfile";
  if (/^\.env(?:\.|$)/.test(base)) return "dotenv";
  return undefined;
}

/** The language for a path, or undefined when no analyzer handles it. */
export function languageOf(filePath: string): Language | undefined {
  if (filePath.endsWith(".d.ts")) return undefined;
  return BY_EXTENSION[path.extname(filePath).toLowerCase()] ?? languageByName(path.basename(filePath));
}
