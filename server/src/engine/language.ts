import * as path from "node:path";

/** VS Code language ids for what Vigil analyses. */
export const LANGUAGES = ["javascript", "javascriptreact", "typescript", "typescriptreact"] as const;
export type Language = (typeof LANGUAGES)[number];

export const JS_LANGUAGES: readonly Language[] = LANGUAGES;

const BY_EXTENSION: Record<string, Language> = {
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascriptreact",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "typescriptreact",
};

/** The language for a path, or undefined when no analyzer handles it. */
export function languageOf(filePath: string): Language | undefined {
  if (filePath.endsWith(".d.ts")) return undefined;
  return BY_EXTENSION[path.extname(filePath).toLowerCase()];
}
