import { test } from "node:test";
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import * as path from "node:path";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type InitializeResult } from "vscode-languageserver-protocol/node";
import { REPO } from "../helpers/cli";
import { ensureBuilt } from "./build";

/** dist/server.js over node IPC, the transport vscode-languageclient uses (TransportKind.ipc). */
test("dist/server.js serves over node IPC: initialize, shutdown, exit", async () => {
  await ensureBuilt();
  const child = fork(path.join(REPO, "dist", "server.js"), ["--node-ipc", `--clientProcessId=${process.pid}`], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  conn.listen();
  try {
    const result: InitializeResult = await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(result.serverInfo?.name, "vigil");
    await conn.sendNotification("initialized", {});
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    if (child.exitCode === null) child.kill();
  }
});
