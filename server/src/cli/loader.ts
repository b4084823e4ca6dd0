/**
 * What `bin/vigil.js` runs (dist/cli-loader.js): the CLI bundle beside it, through V8's code cache
 * as the language server does, so a start skips compiling most of the multi-megabyte bundle. The
 * cache is written when a run without one ends; a completed scan replaces one written by a command
 * that analysed nothing, so scans find the analysis code compiled too. VIGIL_CODE_CACHE=0 turns it off.
 */
import * as path from "node:path";
import { defaultCodeCacheDir, loadWithCodeCache } from "../lsp/code-cache";
import type { commandCompleted, runCli } from "./main";

const cli = loadWithCodeCache(path.join(__dirname, "cli.js"), process.env.VIGIL_CODE_CACHE === "0" ? undefined : defaultCodeCacheDir());
process.once("exit", () => cli.saveCache((cli.exports.commandCompleted as typeof commandCompleted)() === "scan" ? "full" : "partial"));
(cli.exports.runCli as typeof runCli)();
