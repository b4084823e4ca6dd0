/**
 * What `bin/vigil.js` runs (dist/cli-loader.js): the CLI bundle beside it, through V8's code cache
 * as the language server does, so a start skips compiling most of the multi-megabyte bundle.
 * VIGIL_CODE_CACHE=0 turns it off.
 *
 * A start without a cache writes one at once, holding the code loading ran. A completed scan
 * replaces it with one that holds the analysis code too, unless the scan was long: each full
 * garbage collection ages the bytecode of functions not run since, and V8 drops it after a few, so
 * a long scan has lost what loading compiled. Starts from such a cache were a third slower
 * (re-scan of the 1M-line corpus after one change: 0.87 s from a cache written at load, 1.26 s
 * from one written after the cold scan).
 */
import * as path from "node:path";
import { PerformanceObserver, constants } from "node:perf_hooks";
import { defaultCodeCacheDir, loadWithCodeCache } from "../lsp/code-cache";
import type { commandCompleted, runCli } from "./main";

/** Full collections after which loading's bytecode may be gone (V8 drops bytecode that has aged through several). */
const MAJOR_GCS_KEPT = 2;

const cli = loadWithCodeCache(path.join(__dirname, "cli.js"), process.env.VIGIL_CODE_CACHE === "0" ? undefined : defaultCodeCacheDir());
cli.saveCache("partial");
let majorGcs = 0;
const gcs = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
});
gcs.observe({ entryTypes: ["gc"] });
process.once("exit", () => {
  gcs.disconnect();
  const scanned = (cli.exports.commandCompleted as typeof commandCompleted)() === "scan";
  if (scanned && majorGcs <= MAJOR_GCS_KEPT) cli.saveCache("full");
});
(cli.exports.runCli as typeof runCli)();
