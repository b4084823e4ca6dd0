import * as path from "node:path";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { analyzeFile } from "../engine/analyze";
import type { Language } from "../engine/language";
import type { Settings } from "../engine/settings";
import { toDiagnostics } from "./diagnostics";
import { fileUri } from "./uri";

interface Snippet {
  name: string;
  language: Language;
  text: string;
}

/**
 * One small file per analyzer family, each written so its family's checks actually run (a taint
 * source reaching a sink, a workflow with a script injection, a lockfile with a known advisory):
 * a first analysis pays for lazy initialisation and cold code, and these pay it instead of the
 * user's first document.
 */
const SNIPPETS: readonly Snippet[] = [
  {
    name: "prewarm.ts",
    language: "typescript",
    text: [
      'import { exec } from "node:child_process";',
      'import express from "express";',
      "const app = express();",
      'app.get("/run", (req: express.Request, res: express.Response) => {',
      "  const cmd: string = String(req.query.cmd);",
      "  exec(`ls ${cmd}`, (err, out) => res.send(out));",
      "  eval(req.body.code);",
      "});",
      "",
    ].join("\n"),
  },
  {
    name: "prewarm.js",
    language: "javascript",
    text: [
      'const { execSync } = require("child_process");',
      "module.exports = function handler(req, res) {",
      '  const token = "ghp_' + "0123456789abcdefghijklmnopqrstuvwxyzAB" + '";',
      "  res.end(execSync(req.params.name + token).toString());",
      "};",
      "",
    ].join("\n"),
  },
  {
    name: ".github/workflows/ci.yml",
    language: "yaml",
    text: ["on: pull_request_target", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    steps:", '      - run: echo "${{ github.event.pull_request.title }}"', ""].join("\n"),
  },
  {
    name: "Dockerfile",
    language: "dockerfile",
    text: ["FROM node:latest", "USER root", "RUN curl -fsSL https://example.com/install.sh | sh", 'CMD ["node", "server.js"]', ""].join("\n"),
  },
  {
    name: "threatmodel.yaml",
    language: "yaml",
    text: ["component: prewarm", "threats:", "  - id: T1", "    title: Command injection", "    category: tampering", "    cwe: CWE-78", "    status: open", ""].join("\n"),
  },
  {
    name: "package-lock.json",
    language: "json",
    text: JSON.stringify({
      name: "prewarm",
      lockfileVersion: 3,
      packages: { "": { dependencies: { lodash: "4.17.15" } }, "node_modules/lodash": { version: "4.17.15" } },
    }),
  },
];

/**
 * How long pre-warm lets the client open its documents first: clients send didOpen for the editors
 * already open right after `initialized`, and those analyses should not wait behind a pre-warm step.
 */
const GRACE_MS = 50;

/** A folder that is never read: the snippets exist only in memory. */
const NOWHERE = path.join(path.parse(process.cwd()).root, "vigil-prewarm");

export interface PrewarmOptions {
  settings: Settings;
  /** Resolves when no real analysis is waiting, so pre-warm never stands in front of one. */
  idle(): Promise<void>;
  stopped(): boolean;
  trace(message: string): void;
}

/**
 * Runs every analyzer family once on its snippet, one per turn of the event loop, so requests and
 * documents that arrive meanwhile are handled between steps. Nothing is published and nothing is
 * read from the workspace: the snippets are analysed on their own, without project facts.
 */
export async function prewarm(options: PrewarmOptions): Promise<void> {
  await sleep(GRACE_MS);
  const started = performance.now();
  for (const snippet of SNIPPETS) {
    await nextTurn();
    await options.idle();
    if (options.stopped()) return;
    const at = performance.now();
    const file = path.join(NOWHERE, snippet.name);
    try {
      const findings = analyzeFile({ path: file, text: snippet.text, language: snippet.language }, { settings: options.settings });
      // The diagnostics are built (and serialised, as sending would) but never sent.
      JSON.stringify(toDiagnostics(findings, fileUri(file), 1));
      options.trace(`pre-warm: ${snippet.name} (${findings.length} findings, ${(performance.now() - at).toFixed(1)} ms)`);
    } catch (err) {
      options.trace(`pre-warm: ${snippet.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  options.trace(`pre-warm done in ${(performance.now() - started).toFixed(0)} ms`);
}
