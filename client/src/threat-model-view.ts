import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { AuditFinding, AuditModel } from "../../server/src/engine/threatmodel/audit";
import { ThreatModelRequest } from "../../server/src/lsp/protocol";

export const THREAT_MODEL_VIEW = "vigil.threatModel";

type Threat = AuditModel["threats"][number];
type Acceptance = AuditModel["acceptances"][number];

/** One row of the tree; `root` is the workspace folder the server's relative paths start from. */
type Node =
  | { kind: "model"; root: vscode.Uri; model: AuditModel; folderName?: string; complete: boolean }
  | { kind: "threat"; root: vscode.Uri; threat: Threat }
  | { kind: "finding"; root: vscode.Uri; finding: AuditFinding }
  | { kind: "acceptances"; root: vscode.Uri; model: AuditModel; complete: boolean }
  | { kind: "acceptance"; root: vscode.Uri; model: AuditModel; acceptance: Acceptance; complete: boolean };

const REFRESH_DELAY_MS = 500;

const THREAT_ICON: Record<Threat["status"], [string, string]> = {
  open: ["warning", "list.warningForeground"],
  mitigated: ["pass", "testing.iconPassed"],
  accepted: ["circle-slash", "descriptionForeground"],
  transferred: ["arrow-swap", "descriptionForeground"],
};
const SEVERITY_ICON: Record<AuditFinding["severity"], string> = { critical: "error", high: "error", medium: "warning", low: "info", info: "lightbulb" };

/**
 * "Threat Model" view: each model's component, its threats with status icons and the findings linked
 * to them (a click opens the place), and its accepted risks with the days they have left. It asks the
 * server again whenever diagnostics change, while the view is visible.
 */
export class ThreatModelView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(THREAT_MODEL_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      this.view,
      this.changed,
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      this.view.onDidChangeVisibility((e) => e.visible && this.refreshSoon()),
    ];
  }

  refreshSoon(): void {
    if (!this.view.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.models();
    switch (node.kind) {
      case "model": {
        const threats: Node[] = node.model.threats.map((threat) => ({ kind: "threat", root: node.root, threat }));
        return node.model.acceptances.length ? [...threats, { kind: "acceptances", root: node.root, model: node.model, complete: node.complete }] : threats;
      }
      case "threat":
        return node.threat.findings.map((finding) => ({ kind: "finding", root: node.root, finding }));
      case "acceptances":
        return node.model.acceptances.map((acceptance) => ({ kind: "acceptance", root: node.root, model: node.model, acceptance, complete: node.complete }));
      default:
        return [];
    }
  }

  private async models(): Promise<Node[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!this.client.isRunning() || folders.length === 0) {
      this.view.message = folders.length ? "The Vigil server is not running." : "Open a folder to see its threat model.";
      return [];
    }
    const nodes: Node[] = [];
    let incomplete = false;
    for (const folder of folders) {
      try {
        const result = await this.client.sendRequest(ThreatModelRequest, { folder: folder.uri.toString() });
        incomplete ||= !result.complete;
        const folderName = folders.length > 1 ? folder.name : undefined;
        nodes.push(...result.models.map((model): Node => ({ kind: "model", root: folder.uri, model, folderName, complete: result.complete })));
      } catch (error) {
        this.output.error(`Threat model of ${folder.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.view.message =
      nodes.length === 0
        ? "No threat model: add a threatmodel.yaml, or use “Add a threat” or “Accept risk…” on a finding."
        : incomplete
          ? "Linked findings of open files only: run “Vigil: Scan Workspace” for every file."
          : undefined;
    return nodes;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const none = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case "model": {
        const item = new vscode.TreeItem(node.model.component, expanded);
        item.description = node.folderName ? `${node.folderName}: ${node.model.file}` : node.model.file;
        item.tooltip = node.model.description;
        item.iconPath = new vscode.ThemeIcon("shield");
        item.resourceUri = this.resolve(node.root, node.model.file);
        item.command = { title: "Open Threat Model", command: "vscode.open", arguments: [item.resourceUri] };
        return item;
      }
      case "threat": {
        const t = node.threat;
        const item = new vscode.TreeItem(`${t.id} ${t.title}`, t.findings.length ? collapsed : none);
        const [icon, color] = t.contradicted ? ["error", "list.errorForeground"] : THREAT_ICON[t.status];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        const count = t.findings.length ? ` · ${t.findings.length} finding${t.findings.length === 1 ? "" : "s"}` : "";
        item.description = `${t.status}${t.contradicted ? " (contradicted)" : ""}${count}`;
        item.tooltip = threatTooltip(t);
        return item;
      }
      case "finding": {
        const f = node.finding;
        const { file, line } = splitLocation(f.location);
        const item = new vscode.TreeItem(f.ruleId, none);
        item.description = f.location;
        item.tooltip = `${f.severity}: ${f.message}`;
        item.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[f.severity]);
        const selection = new vscode.Range(line - 1, 0, line - 1, 0);
        item.command = { title: "Go to Finding", command: "vscode.open", arguments: [this.resolve(node.root, file), { selection }] };
        return item;
      }
      case "acceptances": {
        const item = new vscode.TreeItem("Accepted risks", expanded);
        item.iconPath = new vscode.ThemeIcon("law");
        return item;
      }
      case "acceptance": {
        const a = node.acceptance;
        const item = new vscode.TreeItem(`${a.rule} in ${a.path}`, none);
        item.description = acceptanceState(a, node.complete);
        const flagged = a.state === "expired" || (a.state === "stale" && node.complete);
        item.iconPath = flagged ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("list.warningForeground")) : new vscode.ThemeIcon("check");
        item.tooltip = [`Reason: ${a.reason}`, a.approvedBy && `Approved by: ${a.approvedBy}`, a.expires && `Expires: ${a.expires}`, a.threat && `Threat: ${a.threat}`]
          .filter(Boolean)
          .join("\n");
        const accepted = this.resolve(node.root, path.posix.join(path.posix.dirname(node.model.file), a.path));
        item.command = { title: "Open File", command: "vscode.open", arguments: [accepted] };
        return item;
      }
    }
  }

  /** Server paths are relative to the folder and `/`-separated. */
  private resolve(root: vscode.Uri, rel: string): vscode.Uri {
    return vscode.Uri.joinPath(root, ...rel.split("/"));
  }
}

function threatTooltip(t: Threat): string {
  return [
    t.stride && `STRIDE: ${t.stride}`,
    t.cwe.length ? `CWE: ${t.cwe.join(", ")}` : undefined,
    t.mitigation && `Mitigation: ${t.mitigation}`,
    t.owner && `Owner: ${t.owner}`,
    t.contradicted ? "A finding contradicts the mitigation claim." : undefined,
  ]
    .filter(Boolean)
    .join("\n");
}

function acceptanceState(a: Acceptance, complete: boolean): string {
  if (a.state === "expired") return `expired on ${a.expires}`;
  // Before a workspace scan only open files are known: no match yet does not make it stale.
  if (a.state === "stale" && complete) return "stale: no finding matches";
  if (a.daysLeft === undefined) return "no expiry";
  return a.daysLeft === 0 ? "expires today" : `${a.daysLeft} day${a.daysLeft === 1 ? "" : "s"} left`;
}

/** `src/app.js:12` -> file and 1-based line. */
function splitLocation(location: string): { file: string; line: number } {
  const colon = location.lastIndexOf(":");
  return { file: location.slice(0, colon), line: Number(location.slice(colon + 1)) || 1 };
}
