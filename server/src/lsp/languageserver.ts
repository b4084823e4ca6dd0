/**
 * The values the server takes from vscode-languageserver, read from the package once. An `import`
 * of a CommonJS package copies its 300-odd exports into every importing module of the bundle at
 * load: ten such copies were about 5% of the server's start-up. Types come from the package itself.
 */
import lsp = require("vscode-languageserver/node");

export const {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
} = lsp;
export const DiagnosticSeverity = lsp.DiagnosticSeverity;
export type DiagnosticSeverity = lsp.DiagnosticSeverity;
export const TextDocuments = lsp.TextDocuments;
export type TextDocuments<T extends { uri: string }> = lsp.TextDocuments<T>;
