// Starts code-server (VS Code's web workbench with a Node extension host) on a fresh profile, in its
// own process group so that stopping it also ends the extension hosts and watchers it forks.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { E2eTools } from "./tools";

export interface CodeServer {
  url: string;
  /** Folder for workspaces and test output that is removed with the profile. */
  scratch: string;
  log: string;
  stop(): Promise<void>;
}

// Keeps the workbench quiet and deterministic: no welcome pages, tips, AI, git, autosave or hot exit
// (a restored dirty buffer from an earlier run would shadow the file on disk).
const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "files.autoSave": "off",
  "files.hotExit": "off",
  "window.restoreWindows": "none",
};

export async function startCodeServer(tools: E2eTools, vsix: string): Promise<CodeServer> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "vigil-code-server-"));
  const userData = path.join(scratch, "user-data");
  mkdirSync(path.join(userData, "User"), { recursive: true });
  writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify(USER_SETTINGS, null, 2));
  // Its own config file, or code-server writes one under ~/.config.
  writeFileSync(path.join(scratch, "config.yaml"), "auth: none\n");
  const profile = [
    "--config", path.join(scratch, "config.yaml"),
    "--user-data-dir", userData,
    "--extensions-dir", path.join(scratch, "extensions"),
  ];
  const env = {
    ...process.env,
    PATH: `${path.dirname(tools.node24)}:${process.env.PATH ?? ""}`,
    // The marketplace points at a closed local port: no lookups leave the machine.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: "http://127.0.0.1:9/gallery", itemUrl: "http://127.0.0.1:9/item" }),
  };
  const install = spawnSync(tools.node24, [tools.codeServer, ...profile, "--install-extension", vsix], { env, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  const log = path.join(scratch, "code-server.log");
  const logFd = openSync(log, "w");
  const child = spawn(
    tools.node24,
    [
      tools.codeServer, ...profile,
      "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
      // Lets the page drive the workbench (window.driver) and run extension tests from ?payload=.
      "--vscode-option", "enable-smoke-test-driver",
    ],
    { env, detached: true, stdio: ["ignore", logFd, logFd] },
  );
  const stop = () => stopGroup(child).finally(() => rmSync(scratch, { recursive: true, force: true }));
  process.once("exit", () => killGroup(child, "SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(url, child, 60_000);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, scratch, log, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return killGroup(child, "SIGKILL");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  // Forked helpers that outlived the parent.
  killGroup(child, "SIGKILL");
}
