import { spawn, type SpawnOptions } from "node:child_process";
import * as path from "node:path";

export const REPO = path.join(__dirname, "..", "..");
export const CLI = path.join(REPO, "dist", "cli.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `vigil` CLI as a user would (dist/cli.js; `npm test` builds first), or a copy of
 * the bundle at `options.cli`.
 */
export function runCli(args: string[], options: SpawnOptions & { cli?: string } = {}): Promise<CliResult> {
  const { cli = CLI, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { ...spawnOptions, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
