/**
 * What `bin/vigil.js` runs (dist/cli-loader.js): the CLI bundle beside it, through V8's code cache
 * as the language server does, so a start skips compiling most of the multi-megabyte bundle. The
 * cache is written once, when a run without one ends. VIGIL_CODE_CACHE=0 turns it off.
 */
import * as path from "node:path";
import { defaultCodeCacheDir, loadWithCodeCache } from "../lsp/code-cache";
import type { runCli } from "./main";

const cli = loadWithCodeCache(path.join(__dirname, "cli.js"), process.env.VIGIL_CODE_CACHE === "0" ? undefined : defaultCodeCacheDir());
process.once("exit", () => cli.saveCache());
(cli.exports.runCli as typeof runCli)();
