import * as path from "node:path";
import { Worker } from "node:worker_threads";

/** The worker's bundle, built by esbuild.mjs beside dist/cli.js and dist/server.js. */
export const WORKER_BUNDLE = "scan-worker.js";

/**
 * Starts a scan worker: from the bundle next to the running one, or, when the engine runs from
 * its TypeScript sources (tests under tsx), from worker.ts through tsx's require hook.
 */
export function startWorker(workerData: unknown): Worker {
  if (!__filename.endsWith(".ts")) return new Worker(path.join(__dirname, WORKER_BUNDLE), { workerData });
  const code = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(path.join(__dirname, "worker.ts"))});`;
  return new Worker(code, { eval: true, workerData });
}
