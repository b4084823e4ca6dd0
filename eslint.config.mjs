// ESLint for Vigil's own code. Its main job is the layering: the engine and the rules never import
// the editor or LSP libraries (so the CLI and tests reuse them), and nothing imports upwards.
import tseslint from "typescript-eslint";

const editorLibraries = [
  { name: "vscode", message: "The engine and rules know nothing of VS Code." },
  { name: "vscode-languageserver", message: "The engine and rules know nothing of LSP." },
  { name: "vscode-languageclient", message: "The engine and rules know nothing of LSP." },
];
// In the bundle each module importing the CommonJS package gets its own copy of its exports.
const typescriptOnce = { name: "typescript", message: "Import ts from server/src/engine/js/typescript (one copy of the API in the bundle).", allowTypeImports: true };
const editorPatterns = [{ group: ["vscode-languageserver*", "vscode-languageclient*", "vscode-jsonrpc*"], message: "The engine and rules know nothing of LSP." }];

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "rules/**/*.cases.*", "rules/**/*.fixed.*", "test/fixtures/**", "test/corpus/**", "examples/**", "**/*.d.ts"] },
  {
    files: ["**/*.ts", "**/*.mts", "**/*.mjs"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-debugger": "error",
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["server/src/engine/**/*.ts", "rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...editorLibraries, typescriptOnce],
          patterns: [...editorPatterns, { group: ["**/lsp/**", "**/cli/**", "**/client/**"], message: "The engine does not import its faces." }],
        },
      ],
    },
  },
  {
    files: ["server/src/cli/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: editorLibraries, patterns: editorPatterns }] },
  },
  { files: ["server/src/engine/js/typescript.ts"], rules: { "no-restricted-imports": "off" } },
);
