/**
 * The language server's entry point (dist/server.js). The transport comes from the command line:
 * `--node-ipc` when vscode-languageclient starts it, `--stdio` for any other LSP client.
 *
 * The server itself is the bundle beside this one (dist/server-core.js), loaded through V8's code
 * cache: a start after the first skips compiling most of it. `--code-cache-dir=DIR` names the
 * cache folder (the VS Code client passes the extension's global storage; empty: no cache); the
 * default is the user's cache folder.
 */
import * as path from "node:path";
import { defaultCodeCacheDir, loadWithCodeCache } from "./code-cache";
import type { runLanguageServer } from "./server";

const CACHE_OPTION = "--code-cache-dir=";
const option = process.argv.find((a) => a.startsWith(CACHE_OPTION));
const cacheDir = option === undefined ? defaultCodeCacheDir() : option.slice(CACHE_OPTION.length) || undefined;
const server = loadWithCodeCache(path.join(__dirname, "server-core.js"), cacheDir);
(server.exports.runLanguageServer as typeof runLanguageServer)({ codeCache: { used: server.usedCache, save: () => server.saveCache() } });
