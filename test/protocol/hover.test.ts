import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Hover, MarkupContent } from "vscode-languageserver-protocol";
import { fileUri } from "../../server/src/lsp/uri";
import { LspSession } from "./lsp-session";

const FIXTURE_APP = path.join(__dirname, "..", "deps", "fixtures", "fixture-app");
let dir: string;
let s: LspSession;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "vigil-lsp-hover-"));
  cpSync(path.join(FIXTURE_APP, "package.json"), path.join(dir, "package.json"));
  cpSync(path.join(FIXTURE_APP, "package-lock.json"), path.join(dir, "package-lock.json"));
  s = await LspSession.start({ folders: [dir], initializationOptions: { trusted: true } });
});
after(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("hovering a vulnerable dependency shows the advisory with its link, and the rule's doc", async () => {
  const uri = fileUri(path.join(dir, "package.json"));
  const mark = s.mark();
  await s.open(uri, readFileSync(path.join(dir, "package.json"), "utf8"), "json");
  const diagnostics = await s.diagnostics(uri, mark, (d) => d.some((x) => x.code === "deps/vulnerable-dependency"));
  const d = diagnostics.find((x) => x.code === "deps/vulnerable-dependency")!;
  const hover = await s.conn.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position: d.range.start });
  assert.ok(hover, "a hover over the finding");
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /deps\/vulnerable-dependency/);
  assert.match(text, /\]\(https:\/\/(github\.com\/advisories|osv\.dev)[^)]+\)/, "links the advisory");
  assert.match(text, /\[Rule documentation\]\(https:\/\/.*deps\/vulnerable-dependency\.md\)/);
  const nothing = await s.conn.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(nothing, null, "no hover away from findings");
});
