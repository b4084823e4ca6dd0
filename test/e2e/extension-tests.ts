// Runs the mocha suite in test/vscode/ inside code-server's Node extension host: what
// @vscode/test-electron does on a desktop, for a machine where no desktop VS Code can be downloaded.
// The workbench reads ?payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]] (with the
// smoke-test driver on), loads the extension from the repository and calls the suite's run(); when
// it settles, the workbench calls window.codeAutomationExit(code).
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";
import type { CodeServer } from "./code-server";
import { REPO } from "./package-vsix";
import type { E2eTools } from "./tools";
import { launchBrowser } from "./workbench";

const SUITE_SOURCES = path.join(REPO, "test", "vscode");
const SUITE_OUT = path.join(REPO, "out", "vscode-tests");
/** Written by test/vscode/index.ts beside itself. */
const RESULTS = path.join(SUITE_OUT, "results.txt");

export interface ExtensionTestsResult {
  exitCode: number;
  report: string;
}

export async function runExtensionTests(options: {
  server: CodeServer;
  tools: E2eTools;
  workspace: string;
  timeoutMs?: number;
}): Promise<ExtensionTestsResult> {
  await compileSuite();
  const remote = (file: string) => `vscode-remote://${new URL(options.server.url).host}${file}`;
  const payload = [
    ["extensionDevelopmentPath", remote(REPO)],
    ["extensionTestsPath", remote(path.join(SUITE_OUT, "index.js"))],
  ];
  const url = `${options.server.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchBrowser(options.tools.chromium);
  try {
    const page = browser.page;
    const exited = new Promise<number>((resolve) => {
      // Exposed before the page loads, or an early call is lost.
      void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code));
    });
    page.on("console", (m) => {
      if (m.text().includes("[vigil-tests]")) console.log(m.text().replace(/%c|color: [^ ]+/g, ""));
    });
    await page.goto(url, { waitUntil: "domcontentloaded" });
    // A built VS Code ignores ?payload= without the smoke-test driver: fail fast with the reason.
    const isDevHost = await page
      .waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title.includes("[Extension Development Host]"), null, { timeout: 60_000 })
      .then(() => true, () => false);
    if (!isDevHost) throw new Error("the window is not an Extension Development Host: is code-server running with --vscode-option enable-smoke-test-driver?");
    const timeoutMs = options.timeoutMs ?? 5 * 60_000;
    const exitCode = await Promise.race([
      exited,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs).unref()),
    ]);
    const report = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "(no results file: run() never finished)";
    return { exitCode, report: exitCode === -1 ? `timed out after ${timeoutMs} ms\n${report}` : report };
  } finally {
    await browser.close();
  }
}

/** Bundles test/vscode/index.ts and each *.suite.ts; `vscode` and `mocha` are required at run time. */
async function compileSuite(): Promise<void> {
  rmSync(SUITE_OUT, { recursive: true, force: true });
  const entryPoints = readdirSync(SUITE_SOURCES)
    .filter((f) => f === "index.ts" || f.endsWith(".suite.ts"))
    .map((f) => path.join(SUITE_SOURCES, f));
  await build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    external: ["vscode", "mocha"],
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    logLevel: "warning",
  });
}
