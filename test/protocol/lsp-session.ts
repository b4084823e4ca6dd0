/**
 * A real LSP client for the protocol tests: spawns `node dist/cli.js lsp --stdio` (or what
 * `serverArgs` names) and talks JSON-RPC over the child's stdio with vscode-languageserver-protocol.
 * Every server message is kept in order, so a test takes a mark, triggers something, and waits for
 * what follows the mark.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CLI } from "../helpers/cli";
import { fileUri } from "../../server/src/lsp/uri";
import { ensureBuilt } from "./build";

export const TIMEOUT_MS = 30_000;

export interface SessionOptions {
  folders: string[];
  initializationOptions?: Record<string, unknown>;
  /** The `vigil` settings section the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** The client's `workspace.workspaceEdit` capability (documentChanges, resource operations). */
  workspaceEdit?: Record<string, unknown>;
  /** What `node` runs; default `dist/cli.js lsp --stdio`. */
  serverArgs?: string[];
}

interface Received {
  method: string;
  params: unknown;
}

export class LspSession {
  readonly messages: Received[] = [];
  readonly stderr: string[] = [];
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown>;
  configurationRequests = 0;
  initializeResult!: InitializeResult;
  private waiters: (() => void)[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
    options: SessionOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.stderr!.on("data", (d) => this.stderr.push(String(d)));
    conn.onNotification((method, params) => this.record(method, params));
    conn.onUnhandledProgress((params) => this.record("$/progress", params));
    // The connection consumes $/logTrace itself unless a handler claims it.
    conn.onNotification("$/logTrace", (params) => this.record("$/logTrace", params));
    conn.onRequest((method, params) => {
      this.record(method, params);
      if (method === "workspace/configuration") {
        this.configurationRequests++;
        return (params as { items: { section?: string }[] }).items.map((i) => (i.section === "vigil" ? this.settings : null));
      }
      if (method === "window/showDocument") return { success: true };
      return null; // client/registerCapability, window/workDoneProgress/create
    });
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    await ensureBuilt();
    const child = spawn(process.execPath, options.serverArgs ?? [CLI, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, conn, options);
    conn.listen();
    session.initializeResult = await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.folders.map((f) => ({ uri: fileUri(f), name: f })),
      initializationOptions: options.initializationOptions,
      trace: "verbose",
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...(options.workspaceEdit ? { workspaceEdit: options.workspaceEdit } : {}),
        },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } }, isPreferredSupport: true },
        },
      },
    });
    await conn.sendNotification("initialized", {});
    return session;
  }

  private record(method: string, params: unknown): void {
    this.messages.push({ method, params });
    for (const w of this.waiters.splice(0)) w();
  }

  /** Position in the message log; pass it to `waitFor` to see only what came after. */
  mark(): number {
    return this.messages.length;
  }

  /** Resolves with the first message (from `since` on) of `method` that satisfies `test`. */
  waitFor<T>(method: string, test: (params: T) => boolean, since: number, what = method): Promise<T> {
    return new Promise((resolve, reject) => {
      let checked = since;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; stderr: ${this.stderr.join("")}`));
      }, TIMEOUT_MS);
      const check = () => {
        for (; checked < this.messages.length; checked++) {
          const m = this.messages[checked]!;
          if (m.method === method && test(m.params as T)) {
            clearTimeout(timer);
            return resolve(m.params as T);
          }
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** The next diagnostics published for `uri` after `since` (optionally: the first that passes `test`). */
  async diagnostics(uri: string, since: number, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const p = await this.waitFor<PublishDiagnosticsParams>(
      "textDocument/publishDiagnostics",
      (p) => p.uri === uri && test(p.diagnostics),
      since,
      `diagnostics for ${uri}`,
    );
    return p.diagnostics;
  }

  /** Log lines the server sent with `$/logTrace` after `since`. */
  traces(since: number): string[] {
    return this.messages.slice(since).filter((m) => m.method === "$/logTrace").map((m) => (m.params as { message: string }).message);
  }

  async open(uri: string, text: string, languageId = "typescript"): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends edits as incremental changes, last first so each range is valid when it applies. */
  async edit(uri: string, edits: TextEdit[]): Promise<void> {
    const doc = this.docs.get(uri)!;
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const changes: TextDocumentContentChangeEvent[] = sorted.map((e) => ({ range: e.range, text: e.newText }));
    TextDocument.update(doc, changes, doc.version + 1);
    await this.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: doc.version }, contentChanges: changes });
  }

  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.edit(uri, edits);
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  async save(uri: string): Promise<void> {
    await this.conn.sendNotification("textDocument/didSave", { textDocument: { uri } });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await this.conn.sendRequest("shutdown");
    await this.conn.sendNotification("exit");
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  /** For tests that fail midway: make sure no server is left running. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}
