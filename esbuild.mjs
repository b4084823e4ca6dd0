// The one bundler script: dist/client.js (VS Code side), dist/server.js (language server),
// dist/cli.js (the `vigil` command), dist/scan-worker.js (the worker threads of large scans, started
// by the CLI and the server from beside their own bundle). Everything is bundled so the .vsix needs no node_modules.
import * as esbuild from "esbuild";
import { existsSync } from "node:fs";

const watch = process.argv.includes("--watch");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  minify: process.env.VIGIL_MINIFY !== "0",
  // Names are not kept through minification: keeping them costs a property write per function at
  // load (TypeScript alone has thousands), about a quarter of the server's module initialisation.
  keepNames: false,
  logLevel: "warning",
  define: { "process.env.VIGIL_BUNDLED": '"1"' },
  // Named only where the engine runs from its sources (tests): scan workers load them through tsx.
  external: ["tsx"],
};
const entries = [
  { entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js" },
  // What bin/vigil.js runs: dist/cli.js through V8's code cache.
  { entryPoints: ["server/src/cli/loader.ts"], outfile: "dist/cli-loader.js" },
  { entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" },
  // The server proper, which dist/server.js loads through V8's code cache.
  { entryPoints: ["server/src/lsp/server.ts"], outfile: "dist/server-core.js" },
  { entryPoints: ["server/src/engine/parallel/worker.ts"], outfile: "dist/scan-worker.js" },
  // The client keeps its names: VS Code loads it once per window, apart from the server's start-up.
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"], keepNames: true },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
