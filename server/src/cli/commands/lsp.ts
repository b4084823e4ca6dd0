import { createRequire } from "node:module";
import * as path from "node:path";
import { parseArgs, UsageError } from "../args";
import type { Command, Io } from "../command";

const USAGE = `vigil lsp --stdio

Runs the Vigil language server over standard input and output, for any LSP client
(Neovim, Helix, Emacs, ...). --node-ipc is what the VS Code extension uses.
`;

export const lspCommand: Command = {
  name: "lsp",
  summary: "run the language server (--stdio) for any LSP client",
  usage: USAGE,
  run(argv: string[], _io: Io): Promise<number> {
    // vscode-languageclient adds --clientProcessId=N; the connection reads it from process.argv.
    const { options } = parseArgs(argv, { stdio: {}, "node-ipc": {}, clientProcessId: { value: true } });
    if (!options.stdio && !options["node-ipc"]) throw new UsageError("choose a transport: --stdio");
    if (process.env.VIGIL_BUNDLED === "1") {
      // The server's own bundle beside this one starts through V8's code cache, as in VS Code.
      createRequire(__filename)(path.join(__dirname, "server.js"));
    } else {
      // From the sources (tests). Required here, not imported: the CLI's bundle leaves the server out.
      (require("../../lsp/server") as typeof import("../../lsp/server")).runLanguageServer();
    }
    // The connection ends the process on `exit`; until then the command never finishes.
    return new Promise<number>(() => undefined);
  },
};
