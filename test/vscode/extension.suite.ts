// The Vigil extension through the VS Code API, in a real extension host (mocha, tdd). The runner
// opens a copy of examples/vulnerable-app and writes, beside it, what the CLI finds in that copy.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { IGNORE_FINDING_COMMAND, type ScanWorkspaceResult, type SeverityCounts } from "../../server/src/lsp/protocol";
import { until } from "../e2e/until";

const EXTENSION_ID = "vigil-security.vigil";
const TLS_RULE = "js/tls-verification-disabled";
/** 0-based line of `exec("ping -c 1 " + req.query.host)` in server.js. */
const EXEC_LINE = 25;

interface CliReport {
  summary: { bySeverity: SeverityCounts };
  findings: { path: string; ruleId: string; kind: "finding" | "notice"; suppression?: unknown; range: { start: { line: number } } }[];
}

const folder = () => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, "a workspace folder is open");
  return f;
};
const fileUri = (relative: string) => vscode.Uri.joinPath(folder().uri, ...relative.split("/"));
const vigilDiagnostics = (uri: vscode.Uri, ruleId?: string) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === "vigil" && (!ruleId || (typeof d.code === "object" && d.code.value === ruleId)));
const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === "object" ? String(d.code.value) : String(d.code));

async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function codeActions(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, range);
}

suite("Vigil in the extension host", () => {
  let cli: CliReport;

  suiteSetup(() => {
    cli = JSON.parse(fs.readFileSync(path.join(folder().uri.fsPath, "..", "cli-report.json"), "utf8")) as CliReport;
  });

  suiteTeardown(async () => {
    await vscode.workspace.saveAll(false);
  });

  test("activates on a JavaScript file and publishes its finding as a diagnostic", async () => {
    const doc = await open("src/config.js");
    const [d] = await until("the TLS diagnostic", () => vigilDiagnostics(doc.uri, TLS_RULE).length > 0 && vigilDiagnostics(doc.uri, TLS_RULE));
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, "the extension is active");
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error, "high maps to Error");
    assert.equal(d!.range.start.line, 13);
    assert.ok(typeof d!.code === "object" && d!.code.target.toString(true).endsWith(`rules/${TLS_RULE}.md`));
  });

  test("Scan Workspace returns the CLI's counts and publishes diagnostics for files not opened", async () => {
    const result = await vscode.commands.executeCommand<ScanWorkspaceResult>("vigil.scanWorkspace");
    assert.ok(result, "the command returns the summary");
    assert.equal(result.cancelled, false);
    const byFile = new Map<string, string[]>();
    // Tool notices (a file that does not parse) are not findings: compared apart from the counts.
    // Suppressed (accepted or ignored) findings are not published.
    for (const f of cli.findings.filter((x) => x.kind === "finding" && !x.suppression)) byFile.set(f.path, [...(byFile.get(f.path) ?? []), `${f.ruleId}@${f.range.start.line}`]);
    for (const [file, expected] of byFile) {
      const published = vigilDiagnostics(fileUri(file))
        .filter((d) => !ruleOf(d).startsWith("vigil/"))
        .map((d) => `${ruleOf(d)}@${d.range.start.line}`);
      assert.deepEqual(published.sort(), expected.sort(), `diagnostics of ${file}`);
    }
    assert.deepEqual(result.counts, cli.summary.bySeverity);
  });

  test("the preferred quick fix rewrites the code, and the diagnostic goes after saving", async () => {
    const doc = await open("src/config.js");
    const [d] = vigilDiagnostics(doc.uri, TLS_RULE);
    assert.ok(d, "the TLS diagnostic is there");
    const fix = (await codeActions(doc, d.range)).find((a) => a.isPreferred && a.kind?.value === "quickfix");
    assert.ok(fix?.edit, "a preferred quick fix with an edit");
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(13).text, /rejectUnauthorized: true/);
    await doc.save();
    await until("the TLS diagnostic to go", () => vigilDiagnostics(doc.uri, TLS_RULE).length === 0);
  });

  test('"Ignore on this line…" runs the client command, which inserts the comment with the reason', async () => {
    const doc = await open("server.js");
    const d = await until("a diagnostic on the exec call", () => vigilDiagnostics(doc.uri).find((x) => x.range.start.line === EXEC_LINE));
    const rule = ruleOf(d);
    const actions = await codeActions(doc, d.range);
    const ignore = actions.find((a) => a.command?.command === IGNORE_FINDING_COMMAND);
    assert.ok(ignore?.command, `an ignore action (got: ${actions.map((a) => a.title).join(" | ")})`);
    assert.ok(actions.some((a) => /documentation/i.test(a.title)), "a documentation action");
    // The reason, normally typed into the input box, as the command's optional last argument.
    const reason = "only ops can reach this endpoint";
    const applied = await vscode.commands.executeCommand<boolean>(ignore.command.command, ...(ignore.command.arguments ?? []), reason);
    assert.equal(applied, true);
    assert.equal(doc.lineAt(EXEC_LINE).text.trim(), `// vigil-ignore-next-line ${rule} -- ${reason}`);
    await doc.save();
    // Until the server re-publishes, the old diagnostic stays on EXEC_LINE (now the comment).
    const onExecCall = () => vigilDiagnostics(doc.uri, rule).filter((x) => [EXEC_LINE, EXEC_LINE + 1].includes(x.range.start.line));
    await until("the ignored diagnostic to go", () => onExecCall().length === 0);
  });

  test("Export SARIF Report writes the server's SARIF to the chosen file", async () => {
    const target = vscode.Uri.file(path.join(folder().uri.fsPath, "..", "export.sarif"));
    const written = await vscode.commands.executeCommand<vscode.Uri>("vigil.exportSarif", target);
    assert.equal(written?.fsPath, target.fsPath);
    const sarif = JSON.parse(fs.readFileSync(target.fsPath, "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, "2.1.0");
    const rules = sarif.runs[0]!.results.map((r) => r.ruleId);
    assert.ok(!rules.includes(TLS_RULE), "the fixed finding is gone");
    assert.ok(rules.length > 0, "the remaining findings are there");
  });

  test("Show Rule Documentation opens the rule's page shipped with the extension", async () => {
    const doc = await open("server.js");
    const d = await until("a diagnostic with a doc link", () => vigilDiagnostics(doc.uri).find((x) => typeof x.code === "object"));
    assert.ok(typeof d.code === "object");
    await vscode.commands.executeCommand("vigil.showDocumentation", d.code.target.toString(true));
    const page = `${ruleOf(d).split("/").pop()}.md`;
    await until(`a preview of ${page}`, () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(page)));
  });

  test("Restart Server brings a working server back", async () => {
    await vscode.commands.executeCommand("vigil.restartServer");
    const result = await vscode.commands.executeCommand<ScanWorkspaceResult>("vigil.scanWorkspace");
    assert.ok(result && !result.cancelled, "a scan after the restart completes");
  });
});
