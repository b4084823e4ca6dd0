/**
 * Every message Vigil adds to LSP, declared once: the server and the VS Code client both import
 * these types, so a renamed method or a changed shape fails to compile on both sides.
 */
import { NotificationType, RequestType, type WorkspaceEdit } from "vscode-languageserver-protocol";
import type { Fix, Severity } from "../engine/finding";

/** Sent by the client in `initialize`: what the server may trust and which client commands exist. */
export interface InitializationOptions {
  /**
   * Workspace trust. Untrusted (restricted mode): only built-in rules run, and the `rules` section of
   * workspace vigil.config.json files is not applied, so a cloned repository cannot silence the
   * checks that would flag it. Absent means trusted: a plain LSP client (Neovim, Helix) has no
   * notion of trust and runs the server where the user chose to, exactly as the CLI would.
   */
  trusted?: boolean;
  /** Client-side commands this client implements (e.g. `IGNORE_FINDING_COMMAND`). */
  clientCommands?: string[];
}

/** `Diagnostic.data` on every Vigil diagnostic: all a code action needs, so the server keeps no fix cache. */
export interface DiagnosticData {
  fingerprint: string;
  /** Document version the fixes' ranges refer to; code actions on a newer version re-analyse. */
  version: number | null;
  fixes: Fix[];
}

/**
 * Client command behind "Ignore on this line…": the client asks the user for a reason, then sends
 * `IgnoreEditRequest` and applies the edit it returns. Offered only to clients that list it in
 * `InitializationOptions.clientCommands`; other clients get an edit with the reason `TODO: reason`.
 */
export const IGNORE_FINDING_COMMAND = "vigil.ignoreFinding";
export interface IgnoreFindingArgs {
  uri: string;
  /** 0-based line of the finding. */
  line: number;
  ruleId: string;
}

export interface IgnoreEditParams extends IgnoreFindingArgs {
  reason: string;
}
/** Returns the edit that inserts `vigil-ignore-next-line <rule> -- <reason>` above the line, or null. */
export const IgnoreEditRequest = new RequestType<IgnoreEditParams, WorkspaceEdit | null, void>("vigil/ignoreEdit");

/**
 * Server-side command (in `executeCommandProvider`): opens the rule's documentation through
 * `window/showDocument` (external). Arguments: `[url: string]`. Any client that runs server
 * commands can use it; vscode-languageclient registers it as a VS Code command automatically.
 */
export const SHOW_DOCUMENTATION_COMMAND = "vigil.server.showDocumentation";

/** Code action kind of "fix all": applies only safe (preferred) fixes. */
export const FIX_ALL_KIND = "source.fixAll.vigil";

export type SeverityCounts = Record<Severity, number>;

export interface ScanWorkspaceParams {
  /** Workspace folder URIs to scan; all folders when absent. */
  folders?: string[];
}
export interface ScanWorkspaceResult {
  /** Active findings (not suppressed, not tool notices) by severity, over the scanned folders. */
  counts: SeverityCounts;
  filesScanned: number;
  filesWithFindings: number;
  cancelled: boolean;
  durationMs: number;
}
/**
 * Scans every workspace folder with server-initiated `window/workDoneProgress` (percentage, file
 * count, cancellable), publishes diagnostics for files with findings, clears files that are now
 * clean, and resolves to the summary. Cancelling the progress or the request stops the scan.
 */
export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>("vigil/scanWorkspace");

export interface StatusParams {
  /** Published active findings by severity, across all files. */
  counts: SeverityCounts;
  scanning: boolean;
}
/** Sent whenever the counts or the scanning state change, for a status bar. */
export const StatusNotification = new NotificationType<StatusParams>("vigil/status");

export interface ExportSarifParams {
  /** Workspace folder URI; the first folder when absent. */
  folder?: string;
}
export interface ExportSarifResult {
  /** SARIF 2.1.0 log, the same writer as `vigil scan --format sarif`. */
  sarif: object;
  /** True when the whole folder was scanned (workspace scan); false means open files only. */
  complete: boolean;
  filesWithFindings: number;
}
/** The SARIF of the current findings in a workspace folder (open documents as edited, scanned files). */
export const ExportSarifRequest = new RequestType<ExportSarifParams, ExportSarifResult, void>("vigil/exportSarif");
