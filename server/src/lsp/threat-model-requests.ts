import { compareFindings, type Finding } from "../engine/finding";
import { toHtml } from "../engine/report/html";
import { toMarkdown } from "../engine/report/markdown";
import type { ScanReport } from "../engine/report/model";
import { selectRules } from "../engine/rule-selection";
import { scanProject } from "../engine/scan";
import type { Settings } from "../engine/settings";
import { buildAuditReport } from "../engine/threatmodel/audit";
import { VERSION } from "../engine/version";
import type { CancellationToken, Connection } from "vscode-languageserver";
import { LSPErrorCodes, ResponseError } from "./languageserver";
import type { FindingsStore } from "./findings-store";
import {
  AcceptRiskEditRequest,
  SecurityReportRequest,
  ThreatModelRequest,
  type SecurityReportParams,
  type ThreatModelResult,
} from "./protocol";
import { acceptRiskEdit, type ThreatEditEnv } from "./threat-model-actions";
import { isUnder, type ThreatModels } from "./threat-models";

function scanReport(folder: string, settings: Settings, findings: Finding[], filesScanned: number): ScanReport {
  return { root: folder, findings, filesScanned, toolVersion: VERSION, rulesRun: [...selectRules(settings).enabled] };
}

/**
 * The folder's threat models as the audit report sees them, from what the server already knows:
 * open documents as edited and, after a workspace scan, every other file.
 */
function threatModelView(folder: string, settings: Settings, models: ThreatModels, store: FindingsStore, complete: boolean): ThreatModelResult {
  const findings = store.findingsUnder(folder);
  const audit = buildAuditReport(scanReport(folder, settings, findings, store.filesUnder(folder).length), models.relevantTo(folder), models.now());
  return { root: folder, models: audit.models, complete };
}

/**
 * Scans the folder's files as saved, judged against the server's threat models (open model buffers
 * included), and renders the report with the writers `vigil report` uses.
 */
async function securityReport(folder: string, format: SecurityReportParams["format"], settings: Settings, models: ThreatModels, scan: { signal: AbortSignal; cacheDir?: string; log(message: string): void }): Promise<string> {
  const project = { findings: [] as Finding[], covers: (file: string) => isUnder(folder, file) };
  const findings: Finding[] = [];
  let filesScanned = 0;
  const results = scanProject([folder], { settings, ...scan, threatModels: models.context(project), onProgress: (done) => (filesScanned = done) });
  for await (const result of results) findings.push(...result.findings);
  findings.sort(compareFindings);
  const audit = buildAuditReport(scanReport(folder, settings, findings, filesScanned), models.relevantTo(folder), models.now());
  return format === "html" ? toHtml(audit) : toMarkdown(audit);
}

/** What the threat-model requests need from the server. */
export interface ThreatModelServer {
  /** Settles once the workspace's models are read. */
  ready(): Promise<unknown>;
  models(): ThreatModels;
  store: FindingsStore;
  /** The workspace folder a request names (the first when absent); throws for any other path. */
  folder(uri: string | undefined): string;
  settings(folder: string): Settings;
  /** The folder has been scanned whole. */
  scanned(folder: string): boolean;
  /** A finding of an open document's current text. */
  finding(uri: string, fingerprint: string): Finding | undefined;
  editEnv(): ThreatEditEnv;
  /** The workspace scan's result cache folder, if any. */
  scanCacheDir(): string | undefined;
  log(message: string): void;
}

type Handler<P, R> = (params: P, token: CancellationToken) => Promise<R>;

/** `vigil/acceptRiskEdit`, `vigil/threatModel`, `vigil/securityReport`; `wrap` logs a handler's errors. */
export function registerThreatModelRequests(connection: Connection, wrap: <P, R>(name: string, handler: Handler<P, R>) => Handler<P, R>, server: ThreatModelServer): void {
  connection.onRequest(
    AcceptRiskEditRequest,
    wrap("vigil/acceptRiskEdit", async (params) => {
      await server.ready();
      const finding = server.finding(params.uri, params.fingerprint);
      if (!finding) return null;
      return acceptRiskEdit(finding, { reason: params.reason, expires: params.expires, approvedBy: params.approvedBy }, server.editEnv());
    }),
  );
  connection.onRequest(
    ThreatModelRequest,
    wrap("vigil/threatModel", async (params) => {
      await server.ready();
      const folder = server.folder(params.folder);
      return threatModelView(folder, server.settings(folder), server.models(), server.store, server.scanned(folder));
    }),
  );
  connection.onRequest(
    SecurityReportRequest,
    wrap("vigil/securityReport", async (params, token) => {
      await server.ready();
      const folder = server.folder(params.folder);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const scan = { signal: abort.signal, cacheDir: server.scanCacheDir(), log: server.log };
      const text = await securityReport(folder, params.format, server.settings(folder), server.models(), scan);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "security report cancelled");
      return { text };
    }),
  );
}
