import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CLI } from "../helpers/cli";
import { ensureBuilt } from "../protocol/build";

/** Proves `vigil lsp --stdio` serves an LSP client other than VS Code: Neovim's built-in one. */

const nvimFound = spawnSync("nvim", ["--version"]).status === 0;
const inCi = process.env.CI === "true";

test(
  "Neovim (headless, built-in LSP client): diagnostics arrive and code actions apply",
  // Outside CI a missing nvim is skipped; in CI it is a failure (see the first assertion).
  { skip: !nvimFound && !inCi ? "nvim is not on PATH (apt-get install neovim)" : false, timeout: 180_000 },
  async () => {
    assert.ok(nvimFound, "nvim is not on PATH: CI must install Debian's neovim (apt-get install -y neovim)");
    await ensureBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-nvim-"));
    try {
      const child = spawn("nvim", ["--headless", "--clean", "-u", "NONE", "-c", `luafile ${path.join(__dirname, "client.lua")}`], {
        env: { ...process.env, VIGIL_CLI: CLI, VIGIL_FILE: path.join(dir, "agent.js"), NODE: process.execPath },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      assert.equal(code, 0, output);
      assert.match(output, /^\d+ passed, 0 failed$/m, output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
