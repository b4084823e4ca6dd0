import * as path from "node:path";
import type { Connection, PublishDiagnosticsParams } from "vscode-languageserver";
import type { Finding } from "../engine/finding";
import { activeFindings, countBySeverity } from "../engine/report/model";
import { toDiagnostics } from "./diagnostics";
import { StatusNotification, type SeverityCounts } from "./protocol";

interface Entry {
  uri: string;
  findings: Finding[];
}

/**
 * The findings behind the published diagnostics, keyed by file path (open documents as edited,
 * other files as last scanned). It feeds the status counts and SARIF export; code actions never
 * read it, they get what they need from the diagnostic's data.
 */
export class FindingsStore {
  private readonly byPath = new Map<string, Entry>();
  private scanning = false;
  private statusPending = false;
  private lastStatus = "";

  constructor(private readonly connection: Connection) {}

  publish(file: string, uri: string, findings: Finding[], version: number | null): void {
    const before = this.byPath.get(file);
    if (findings.length) this.byPath.set(file, { uri, findings });
    else this.byPath.delete(file);
    if (before && before.uri !== uri) this.send({ uri: before.uri, diagnostics: [] });
    this.send({ uri, version: version ?? undefined, diagnostics: toDiagnostics(findings, uri, version) });
    this.statusChanged();
  }

  /** Publishes an empty list for a file with no current findings. */
  clear(file: string, uri?: string): void {
    const entry = this.byPath.get(file);
    if (!entry && !uri) return;
    this.byPath.delete(file);
    this.send({ uri: entry?.uri ?? uri!, diagnostics: [] });
    this.statusChanged();
  }

  /** A closed connection is the only reason a send fails, and then nobody is listening. */
  private send(params: PublishDiagnosticsParams): void {
    this.connection.sendDiagnostics(params).catch(() => undefined);
  }

  has(file: string): boolean {
    return this.byPath.has(file);
  }

  /** Paths with findings inside a folder. */
  filesUnder(folder: string): string[] {
    return [...this.byPath.keys()].filter((p) => p.startsWith(folder + path.sep));
  }

  findingsUnder(folder: string): Finding[] {
    return this.filesUnder(folder).flatMap((p) => this.byPath.get(p)!.findings);
  }

  counts(): SeverityCounts {
    return countBySeverity(activeFindings([...this.byPath.values()].flatMap((e) => e.findings)));
  }

  /** A scan's start is told at once (the spinner shows even for a scan shorter than the coalescing delay). */
  setScanning(scanning: boolean): void {
    this.scanning = scanning;
    if (scanning) this.sendStatus();
    else this.statusChanged();
  }

  /** Coalesces bursts (a workspace scan publishes hundreds of files) into one status message. */
  private statusChanged(): void {
    if (this.statusPending) return;
    this.statusPending = true;
    setTimeout(() => {
      this.statusPending = false;
      this.sendStatus();
    }, 50);
  }

  private sendStatus(): void {
    const status = { counts: this.counts(), scanning: this.scanning };
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.connection.sendNotification(StatusNotification, status).catch(() => undefined);
  }
}
