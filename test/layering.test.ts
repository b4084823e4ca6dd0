import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const REPO = path.join(__dirname, "..");

/** The lint config is what keeps the engine free of editor code: prove that it does. */
test("the engine and rules may not import vscode, the LSP libraries, or the faces above them", async () => {
  const eslint = new ESLint({ cwd: REPO });
  const cases: [string, string, boolean][] = [
    ["server/src/engine/x.ts", 'import * as vscode from "vscode";\nexport const a = vscode;\n', true],
    ["server/src/engine/x.ts", 'import { createConnection } from "vscode-languageserver/node";\nexport const a = createConnection;\n', true],
    ["rules/js/x.ts", 'import { TextDocument } from "vscode-languageserver-textdocument";\nexport const a = TextDocument;\n', true],
    ["server/src/engine/x.ts", 'import { main } from "../cli/main";\nexport const a = main;\n', true],
    ["server/src/engine/x.ts", 'import * as path from "node:path";\nexport const a = path;\n', false],
    ["server/src/lsp/x.ts", 'import { createConnection } from "vscode-languageserver/node";\nexport const a = createConnection;\n', false],
  ];
  for (const [file, code, restricted] of cases) {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
    const hits = result!.messages.filter((m) => m.ruleId === "no-restricted-imports");
    assert.equal(hits.length > 0, restricted, `${file}: ${code.split("\n")[0]}`);
  }
});
