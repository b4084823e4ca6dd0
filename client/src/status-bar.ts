import * as vscode from "vscode";
import { SEVERITIES, type Severity } from "../../server/src/engine/finding";
import type { StatusParams } from "../../server/src/lsp/protocol";
import { COMMANDS } from "./command-ids";
import { describeCounts } from "./summary";

const SHORT: Record<Severity, string> = { critical: "C", high: "H", medium: "M", low: "L", info: "I" };

/** Shield + counts by severity, a spinner while scanning; a click opens the Vigil menu. */
export class VigilStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("vigil.status", vscode.StatusBarAlignment.Left, 50);
  private status: StatusParams | undefined;
  private scansInFlight = 0;
  private stopped = false;

  constructor() {
    this.item.name = "Vigil";
    this.item.command = COMMANDS.showMenu;
    this.render();
    this.item.show();
  }

  update(status: StatusParams): void {
    this.status = status;
    this.render();
  }

  /** Shows the spinner from the moment the user asks for a scan, before the server reports it. */
  async whileScanning<T>(work: () => Thenable<T>): Promise<T> {
    this.scansInFlight++;
    this.render();
    try {
      return await work();
    } finally {
      this.scansInFlight--;
      this.render();
    }
  }

  setStopped(stopped: boolean): void {
    this.stopped = stopped;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const scanning = this.scansInFlight > 0 || this.status?.scanning === true;
    const counts = this.status?.counts;
    const shown = counts ? SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]}${SHORT[s]}`) : [];
    const icon = scanning ? "$(loading~spin)" : "$(shield)";
    this.item.text = `${icon} ${this.stopped ? "Vigil stopped" : shown.length > 0 ? shown.join(" ") : "Vigil"}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown("**Vigil**\n\n");
    if (this.stopped) tooltip.appendMarkdown("The language server is not running.\n\n");
    if (scanning) tooltip.appendMarkdown("Scanning…\n\n");
    if (counts) tooltip.appendMarkdown(`${describeCounts(counts)}\n\n`);
    tooltip.appendMarkdown("Click for Vigil commands.");
    this.item.tooltip = tooltip;
    this.item.backgroundColor = this.stopped ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
  }
}
