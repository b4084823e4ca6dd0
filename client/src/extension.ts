import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, State, TransportKind, type LanguageClientOptions } from "vscode-languageclient/node";
import { LANGUAGES } from "../../server/src/engine/language";
import { DOCS_BASE_URL } from "../../server/src/engine/rule";
import { ACCEPT_RISK_COMMAND, IGNORE_FINDING_COMMAND, StatusNotification, type InitializationOptions } from "../../server/src/lsp/protocol";
import { registerCommands } from "./commands";
import { openRuleDocumentation } from "./rule-docs";
import { VigilStatusBar } from "./status-bar";
import { registerThreatModelFeatures } from "./threat-model-commands";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One log channel for the client and the server; `vigil.trace.server` adds the LSP message trace.
  const output = vscode.window.createOutputChannel("Vigil", { log: true });
  const statusBar = new VigilStatusBar();
  client = createClient(context, output);
  const started = client;
  context.subscriptions.push(
    output,
    statusBar,
    client.onNotification(StatusNotification, (status) => statusBar.update(status)),
    client.onDidChangeState((e) => statusBar.setStopped(e.newState === State.Stopped)),
    ...registerCommands({ extension: context, client, statusBar, output }),
    ...registerThreatModelFeatures(client, output),
    // Restricted mode runs built-in rules only; the server learns about trust when it starts.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.info("Workspace trusted: restarting the server with every rule enabled.");
      void started.restart();
    }),
  );
  try {
    await client.start();
  } catch (error) {
    // Leave the commands registered: "Vigil: Restart Server" can try again.
    output.error(`The Vigil server did not start: ${error instanceof Error ? error.message : String(error)}`);
    statusBar.setStopped(true);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath("dist/server.js");
  // The server's compiled code is cached in the extension's own storage, not in a workspace.
  const server = { module: serverModule, transport: TransportKind.ipc, args: [`--code-cache-dir=${path.join(context.globalStorageUri.fsPath, "code-cache")}`] };
  const options: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    outputChannel: output,
    traceOutputChannel: output,
    // A function, so a restart after trust is granted sends the current trust.
    initializationOptions: (): InitializationOptions => ({
      trusted: vscode.workspace.isTrusted,
      clientCommands: [IGNORE_FINDING_COMMAND, ACCEPT_RISK_COMMAND],
      // Workspace scans keep their cache here; no folder open means no storage, and no cache.
      storageFolder: context.storageUri?.fsPath,
    }),
    middleware: {
      window: {
        // Rule documentation ships inside the extension: open it locally instead of in a browser.
        showDocument: async (params, token, next) => {
          if (!params.uri.startsWith(DOCS_BASE_URL)) return next(params, token);
          await openRuleDocumentation(context.extensionUri, params.uri);
          return { success: true };
        },
      },
    },
  };
  return new LanguageClient("vigil", "Vigil", { run: server, debug: server }, options);
}
