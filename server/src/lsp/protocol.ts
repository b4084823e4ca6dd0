/**
 * Every message Vigil adds to LSP, declared once: the server and the VS Code client both import
 * these types, so a renamed method or a changed shape fails to compile on both sides.
 */
import { NotificationType, RequestType, type WorkspaceEdit } from "vscode-languageserver-protocol";
import type { Fix, Finding, Severity } from "../engine/finding";
import type { AuditModel } from "../engine/threatmodel/audit";

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
  /**
   * For tests only: the clock threat-model acceptances expire by, as an ISO date (e.g.
   * "2026-01-31T12:00:00Z"). Absent: the real clock.
   */
  now?: string;
  /**
   * A folder private to this client and workspace (VS Code: the extension's workspace storage)
   * where workspace scans keep their cache of unchanged files' results. Absent: no cache.
   */
  storageFolder?: string;
}

/** `Diagnostic.data` on every Vigil diagnostic: all a code action needs, so the server keeps no fix cache. */
export interface DiagnosticData {
  fingerprint: string;
  /** Document version the fixes' ranges refer to; code actions on a newer version re-analyse. */
  version: number | null;
  fixes: Fix[];
  /** The threat-model entry the finding is linked to, when a model in scope covers its CWE. */
  threat?: Finding["threat"];
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

/**
 * Client command behind "Accept risk…": the client asks for a reason and an expiry (default 90
 * days), then sends `AcceptRiskEditRequest` and applies the edit it returns (undoable). Clients that
 * do not list it in `clientCommands` get the edit itself, with the reason `TODO: reason` and the
 * default expiry, to be completed in the threat model.
 */
export const ACCEPT_RISK_COMMAND = "vigil.acceptRisk";
export interface AcceptRiskArgs {
  uri: string;
  fingerprint: string;
  ruleId: string;
  /** YYYY-MM-DD, 90 days from the server's clock: what the client proposes. */
  defaultExpires: string;
}
export interface AcceptRiskEditParams {
  uri: string;
  fingerprint: string;
  reason: string;
  /** YYYY-MM-DD; the default expiry when absent. */
  expires?: string;
  approvedBy?: string;
}
/**
 * The edit that records an `accepted` entry in the nearest threat model (comments and layout kept),
 * creating `threatmodel.yaml` beside the file when no model covers it; null when the finding is gone.
 */
export const AcceptRiskEditRequest = new RequestType<AcceptRiskEditParams, WorkspaceEdit | null, void>("vigil/acceptRiskEdit");

export interface ThreatModelParams {
  /** Workspace folder URI; the first folder when absent. */
  folder?: string;
}
export interface ThreatModelResult {
  /** The folder's absolute path; finding locations and model files are relative to it, `/`-separated. */
  root: string;
  /** The models in and above the folder, as the audit report shows them (threats, linked findings, acceptances). */
  models: AuditModel[];
  /** False when the folder was never scanned whole: linked findings are those of open files only. */
  complete: boolean;
}
/** The threat models of a workspace folder with their linked findings, for a tree view. */
export const ThreatModelRequest = new RequestType<ThreatModelParams, ThreatModelResult, void>("vigil/threatModel");

export interface SecurityReportParams {
  folder?: string;
  format: "md" | "html";
}
/** Scans the folder's files as saved (open threat models as edited) and returns what `vigil report` writes. */
export const SecurityReportRequest = new RequestType<SecurityReportParams, { text: string }, void>("vigil/securityReport");
