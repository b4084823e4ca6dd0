import { spawn, type SpawnOptions } from "node:child_process";
import * as path from "node:path";

export const REPO = path.join(__dirname, "..", "..");
export const CLI = path.join(REPO, "dist", "cli.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `vigil` CLI as a user would (dist/cli.js; `npm test` builds first). */
export function runCli(args: string[], options: SpawnOptions & { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
