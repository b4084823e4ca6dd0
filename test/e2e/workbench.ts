// Drives VS Code's web workbench (code-server) with playwright-core and Debian's chromium. Every
// wait polls one condition with a deadline; there are no fixed sleeps.
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { STEP_TIMEOUT_MS, until } from "./until";

export interface Browser {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  // Playwright refuses --user-data-dir in args: a fresh profile is the persistent-context folder.
  const profile = mkdtempSync(path.join(os.tmpdir(), "vigil-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const consoleErrors: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, consoleErrors, close };
}

/** The workbench in one page: open files, run commands, read the editor, the Problems panel and notifications. */
export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string, folder: string, firstFile: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: "domcontentloaded" });
    await this.page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: STEP_TIMEOUT_MS * 2 });
    // The smoke-test driver's "editors and views restored" promise is the sturdiest ready signal.
    // (These functions run in the page, where globalThis is the window.)
    await this.page.waitForFunction(() => "driver" in globalThis, null, { timeout: STEP_TIMEOUT_MS });
    await this.page.evaluate(() =>
      (globalThis as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
    // The explorer lists the folder once the remote file system answers.
    await this.page.locator(".explorer-folders-view .monaco-list-row", { hasText: firstFile }).first().waitFor({ timeout: STEP_TIMEOUT_MS * 2 });
  }

  /** Quick Open (Ctrl+P) a file by its relative path; waits until its editor tab is active. */
  async openFile(relativePath: string, expectText: string): Promise<void> {
    const name = path.basename(relativePath);
    await this.page.keyboard.press("Control+P");
    const input = this.quickInput();
    await input.waitFor({ state: "visible" });
    await input.fill(relativePath);
    // Results arrive and re-sort asynchronously: Enter only once the focused row is this file.
    await until(`Quick Open row ${relativePath}`, async () =>
      (await this.page.locator(".quick-input-list .monaco-list-row.focused .label-name").first().innerText()).trim() === name);
    await this.page.keyboard.press("Enter");
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
    await until(`editor text of ${relativePath}`, async () => (await this.editorText()).includes(expectText));
  }

  /** The visible lines of the active editor (the DOM renders spaces as U+00A0). */
  async editorText(): Promise<string> {
    const text = await this.page.locator(".editor-instance .monaco-editor .view-lines").first().innerText();
    return text.replace(/\u00a0/g, " ");
  }

  /** Moves the caret with Go to Line/Column (1-based, as the editor shows them). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.locator(".editor-instance .monaco-editor .view-lines").first().click();
    await this.page.keyboard.press("Control+G");
    await this.quickInput().waitFor({ state: "visible" });
    await this.quickInput().fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  }

  /** Opens the Ctrl+. menu until it lists `title` (the code-action request can race the key). */
  async openCodeActions(title: string): Promise<void> {
    const row = this.page.locator(".action-widget .monaco-list-row", { hasText: title });
    // Each retry cancels the previous request, so a busy server gets longer each time to answer.
    let patienceMs = 3_000;
    await until(`code action "${title}"`, async () => {
      if (await row.count()) return true;
      await this.page.keyboard.press("Escape");
      await this.page.keyboard.press("Control+.");
      patienceMs = Math.min(patienceMs * 2, 30_000);
      await row.first().waitFor({ state: "visible", timeout: patienceMs / 2 });
      return true;
    }, STEP_TIMEOUT_MS * 2);
  }

  /** Moves the focus in the open Ctrl+. menu to `title`, then presses Enter. */
  async chooseCodeAction(title: string): Promise<void> {
    const focused = this.page.locator(".action-widget .monaco-list-row.focused");
    for (let i = 0; i < 20 && !(await focused.innerText().catch(() => "")).includes(title); i++) {
      await this.page.keyboard.press("ArrowDown");
    }
    await until(`"${title}" focused in the code action menu`, async () => (await focused.innerText()).includes(title), 5_000);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".action-widget .monaco-list-row").first().waitFor({ state: "hidden" });
  }

  /** Runs a command by its palette title ("Vigil: Scan Workspace"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press("F1");
    await this.quickInput().waitFor({ state: "visible" });
    await this.quickInput().fill(`>${title}`);
    await until(`palette row "${title}"`, async () =>
      (await this.page.locator(".quick-input-list .monaco-list-row.focused").first().innerText()).includes(title));
    await this.page.keyboard.press("Enter");
  }

  /** Rows of the Problems panel whose text contains `text`. */
  problems(text: string) {
    return this.page.locator(".markers-panel .monaco-list-row", { hasText: text });
  }

  /**
   * Narrows the Problems panel to files matching `glob` ("" shows all): the list renders only the
   * rows in view, so a row of interest must not be pushed out by other files' findings.
   */
  async filterProblems(glob: string): Promise<void> {
    await this.showProblems();
    const filter = this.page.getByPlaceholder(/^Filter \(e\.g\./);
    // The panel restores its own filter state as it opens, which can wipe a value typed too early.
    await until(`the Problems filter "${glob}"`, async () => {
      if ((await filter.inputValue()) === glob) return true;
      await filter.fill(glob);
      return false;
    });
  }

  async showProblems(): Promise<void> {
    if (await this.page.locator(".markers-panel").isVisible()) return;
    await this.page.keyboard.press("Control+Shift+M");
    await this.page.locator(".markers-panel").waitFor({ state: "visible" });
  }

  /**
   * A notification containing `text`. With the smoke-test driver on, VS Code shows no toasts, so
   * this opens the notification center, which lists every notification either way.
   */
  async notification(text: string, timeoutMs = STEP_TIMEOUT_MS * 2) {
    const inCenter = this.page.locator(".notifications-center .notification-list-item", { hasText: text }).first();
    // The center shows what has arrived when it opens: reopen it until the notification is there.
    await until(`the notification "${text}"`, async () => {
      if (await inCenter.isVisible()) return true;
      await this.runCommand("Notifications: Show Notifications");
      await inCenter.waitFor({ state: "visible", timeout: 5_000 });
      return true;
    }, timeoutMs);
    return inCenter;
  }

  quickInput() {
    return this.page.locator(".quick-input-widget input.input");
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
