// The editor loop in a real VS Code (code-server + Chromium): the packaged .vsix is installed, the
// sample app opened; diagnostics show, Ctrl+. fixes one, "Ignore on this line…" asks for a reason
// and can be undone, "Accept risk…" records an acceptance in threatmodel.yaml and the finding goes,
// and "Vigil: Scan Workspace" reports what the CLI reports for the same files.
// Then the mocha suite in test/vscode/ runs inside the same code-server's extension host.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { sarifErrors } from "../helpers/sarif";
import { describeCounts } from "../../client/src/summary";
import type { SeverityCounts } from "../../server/src/lsp/protocol";
import { startCodeServer, type CodeServer } from "./code-server";
import { packageVsix, REPO, vsixEntries } from "./package-vsix";
import { findE2eTools, type E2eTools } from "./tools";
import { until } from "./until";
import { launchBrowser, Workbench, type Browser } from "./workbench";
import { runExtensionTests } from "./extension-tests";

const ARTIFACTS = path.join(REPO, "test-artifacts", "e2e");
const APP = path.join(REPO, "examples", "vulnerable-app");
const TLS_MESSAGE = "rejectUnauthorized: false accepts any certificate";
const TLS_FIX = "Verify certificates (rejectUnauthorized: true)";
/** `exec("ping -c 1 " + req.query.host)` in server.js (1-based, as the editor shows it). */
const EXEC_LINE = 26;
const IGNORE_REASON = "host is checked against the ops allowlist";
/** `dbPassword: "..."` in src/config.js (1-based), and the reason its risk is accepted with. */
const SECRET_LINE = 8;
const SECRET_MESSAGE = "`dbPassword` is set to a hard-coded secret";
const ACCEPT_REASON = "staging database only, rotated by the deploy job";

interface CliReport {
  summary: { bySeverity: SeverityCounts };
  findings: { path: string; ruleId: string; range: { start: { line: number } } }[];
}

/** The CLI's JSON report of a folder, paths relative to it: what the editor must agree with. */
async function scanWithCli(folder: string): Promise<CliReport> {
  const cli = await runCli(["scan", folder, "--root", folder, "--format", "json", "--fail-on", "never"]);
  assert.equal(cli.code, 0, cli.stderr);
  return JSON.parse(cli.stdout) as CliReport;
}

let tools: E2eTools;
let server: CodeServer | undefined;
let vsix: { file: string; bytes: number };

describe("Vigil in VS Code (code-server)", { timeout: 15 * 60_000 }, () => {
  before(async () => {
    tools = findE2eTools();
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    vsix = packageVsix(tools.node24);
    server = await startCodeServer(tools, vsix.file);
  });
  after(async () => {
    await server?.stop();
  });

  test("the .vsix holds the bundles and docs, no sources, under 5 MB", () => {
    const entries = vsixEntries(vsix.file).map((e) => e.replace(/^extension\//, ""));
    for (const needed of ["dist/client.js", "dist/server.js", "package.json", "rules/js/tls-verification-disabled.md"]) {
      assert.ok(entries.includes(needed), `${needed} is in the .vsix`);
    }
    const unwanted = entries.filter((e) => /\.(ts|map)$|^node_modules\/|^(test|client\/src|examples|bench)\//.test(e));
    assert.deepEqual(unwanted, []);
    console.log(`# .vsix: ${(vsix.bytes / 1024).toFixed(0)} KiB, ${entries.length} files`);
    assert.ok(vsix.bytes < 5 * 1024 * 1024, `.vsix is ${vsix.bytes} bytes`);
  });

  describe("the editor loop, driven through the UI", () => {
    let browser: Browser;
    let wb: Workbench;
    let workspace: string;
    let broken = "";
    // Each step builds on the one before: after a failure the rest fail at once, naming it.
    const step = (name: string, run: () => Promise<void>) =>
      test(name, async () => {
        if (broken) throw new Error(`not run: the step "${broken}" failed`);
        try {
          await run();
        } catch (error) {
          broken = name;
          await wb?.screenshot(path.join(ARTIFACTS, `FAIL-${name.replace(/\W+/g, "-")}.png`)).catch(() => undefined);
          throw error;
        }
      });

    before(async () => {
      workspace = path.join(server!.scratch, "ui", "vulnerable-app");
      cpSync(APP, workspace, { recursive: true });
      browser = await launchBrowser(tools.chromium);
      wb = new Workbench(browser.page);
    });
    after(async () => {
      await browser?.close();
    });

    step("the workbench opens the sample app", async () => {
      await wb.open(server!.url, workspace, "server.js");
    });

    step("a Vigil diagnostic shows in the editor and the Problems panel", async () => {
      await wb.openFile("src/config.js", "rejectUnauthorized: false");
      // The first diagnostics wait for activation and the server's start: the slowest wait of the run.
      await wb.page.locator(".editor-instance .squiggly-error").first().waitFor({ state: "attached", timeout: 120_000 });
      await wb.filterProblems("**/src/config.js");
      await wb.problems(TLS_MESSAGE).first().waitFor();
      const statusBar = wb.page.locator(".statusbar-item", { has: wb.page.locator(".codicon-shield") });
      await until("status bar counts", async () => /\d+H/.test(await statusBar.first().innerText()));
      await wb.screenshot(path.join(ARTIFACTS, "1-diagnostics.png"));
    });

    step("Ctrl+. offers the fix; applying it changes the text and the diagnostic goes", async () => {
      await wb.goTo(14, 57);
      await wb.openCodeActions(TLS_FIX);
      await wb.screenshot(path.join(ARTIFACTS, "2-quickfix-menu.png"));
      await wb.chooseCodeAction(TLS_FIX);
      await until("the fixed text", async () => (await wb.editorText()).includes("rejectUnauthorized: true"));
      await wb.page.keyboard.press("Control+S");
      await until("the fix on disk", () => readFileSync(path.join(workspace, "src/config.js"), "utf8").includes("rejectUnauthorized: true }"));
      await until("the TLS diagnostic gone", async () => (await wb.problems(TLS_MESSAGE).count()) === 0);
    });

    step('"Ignore on this line…" asks for a reason, inserts the comment, and Undo takes it back', async () => {
      // Whichever rule reports the exec call (rules get more precise over time), as the CLI names it.
      const rule = (await scanWithCli(workspace)).findings.find((f) => f.path === "server.js" && f.range.start.line === EXEC_LINE - 1)?.ruleId;
      assert.ok(rule, `the CLI reports server.js line ${EXEC_LINE}`);
      await wb.openFile("server.js", "ping -c 1");
      await wb.filterProblems("**/server.js");
      const rows = wb.problems(rule);
      const before = await until(`a ${rule} row in Problems`, () => rows.count());
      await wb.goTo(EXEC_LINE, 3);
      await wb.openCodeActions("Ignore");
      await wb.chooseCodeAction("Ignore");
      await wb.quickInput().waitFor({ state: "visible" });
      await wb.quickInput().fill(IGNORE_REASON);
      await wb.page.keyboard.press("Enter");
      const comment = `vigil-ignore-next-line ${rule} -- ${IGNORE_REASON}`;
      await until("the ignore comment", async () => (await wb.editorText()).includes(comment));
      await wb.page.keyboard.press("Control+S");
      await until("one diagnostic fewer", async () => (await rows.count()) === before - 1);
      await wb.page.keyboard.press("Control+Z");
      await until("the comment undone", async () => !(await wb.editorText()).includes(comment));
      await wb.page.keyboard.press("Control+S");
      await until("the diagnostic back", async () => (await rows.count()) === before);
    });

    step('"Accept risk…" from the quick-fix menu records the acceptance in threatmodel.yaml, and the diagnostic goes', async () => {
      const model = path.join(workspace, "threatmodel.yaml");
      const before = readFileSync(model, "utf8");
      await wb.openFile("src/config.js", "dbPassword");
      await wb.filterProblems("**/src/config.js");
      const rows = wb.problems(SECRET_MESSAGE);
      await rows.first().waitFor();
      await wb.goTo(SECRET_LINE, 15);
      await wb.openCodeActions("Accept risk");
      await wb.chooseCodeAction("Accept risk");
      await wb.quickInput().waitFor({ state: "visible" });
      await wb.quickInput().fill(ACCEPT_REASON);
      await wb.page.keyboard.press("Enter");
      // The expiry prompt proposes a day 90 days out; Enter takes it.
      await until("the expiry prompt", async () => /^\d{4}-\d{2}-\d{2}$/.test(await wb.quickInput().inputValue()));
      await wb.page.keyboard.press("Enter");
      const after = await until("the acceptance saved in threatmodel.yaml", () => {
        const text = readFileSync(model, "utf8");
        return text.includes(`reason: ${ACCEPT_REASON}`) && text;
      });
      assert.ok(after.startsWith(before), "the model's earlier text and comments stay as written");
      assert.match(after.slice(before.length), /- rule: js\/hardcoded-credentials\n\s+fingerprint: [0-9a-f]+\n\s+path: src\/config\.js\n/);
      await until("the accepted diagnostic gone", async () => (await rows.count()) === 0);
      await wb.screenshot(path.join(ARTIFACTS, "4-risk-accepted.png"));
    });

    step('"Vigil: Scan Workspace" reports what the CLI finds, files not opened included', async () => {
      const report = await scanWithCli(workspace);
      const unopened = report.findings.map((f) => f.path).find((p) => !["server.js", "src/config.js"].includes(p));
      await wb.runCommand("Vigil: Scan Workspace");
      const summary = await wb.notification("Vigil: scanned");
      assert.match(await summary.innerText(), new RegExp(`: ${describeCounts(report.summary.bySeverity)}\\.`));
      await wb.screenshot(path.join(ARTIFACTS, "3-scan-summary.png"));
      await summary.locator(".monaco-button", { hasText: "Open Problems" }).click();
      if (unopened) {
        await wb.filterProblems(`**/${unopened}`);
        await wb.problems(path.basename(unopened)).first().waitFor();
      }
    });

    step("the status bar menu lists the Vigil commands", async () => {
      await wb.page.keyboard.press("Escape");
      await wb.page.locator(".statusbar-item", { has: wb.page.locator(".codicon-shield") }).first().click();
      for (const item of ["Scan Workspace", "Show Output", "Export SARIF Report"]) {
        await wb.page.locator(".quick-input-list .monaco-list-row", { hasText: item }).first().waitFor();
      }
      await wb.page.keyboard.press("Escape");
    });

    after(() => {
      // The README shows these two; refresh them on request only, so test runs leave tracked files alone.
      if (process.env.VIGIL_UPDATE_SCREENSHOTS !== "1" || broken) return;
      mkdirSync(path.join(REPO, "docs", "images"), { recursive: true });
      for (const shot of ["1-diagnostics.png", "2-quickfix-menu.png"]) {
        copyFileSync(path.join(ARTIFACTS, shot), path.join(REPO, "docs", "images", `vscode-${shot.slice(2)}`));
      }
    });
  });

  test("the VS Code API suite (test/vscode, mocha) passes in the extension host", async () => {
    const workspace = path.join(server!.scratch, "ext", "vulnerable-app");
    cpSync(APP, workspace, { recursive: true });
    // What the suite holds the server's workspace scan to.
    writeFileSync(path.join(workspace, "..", "cli-report.json"), JSON.stringify(await scanWithCli(workspace)));
    const result = await runExtensionTests({ server: server!, tools, workspace });
    console.log(result.report);
    assert.equal(result.exitCode, 0, `extension tests failed:\n${result.report}`);
    // The suite exported SARIF through the client; it must be valid against the official schema.
    const sarif = JSON.parse(readFileSync(path.join(workspace, "..", "export.sarif"), "utf8"));
    assert.deepEqual(sarifErrors(sarif), []);
  });
});
