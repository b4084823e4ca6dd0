/**
 * The language server's entry point (dist/server.js). The transport comes from the command line:
 * `--node-ipc` when vscode-languageclient starts it, `--stdio` for any other LSP client.
 */
import { runLanguageServer } from "./server";

runLanguageServer();
