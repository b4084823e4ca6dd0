import * as path from "node:path";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { analyzeFile } from "../engine/analyze";
import { keepDocumentTree, releaseDocumentTree } from "../engine/js/native/document-trees";
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

/**
 * A TS module of about 1,000 lines in the shapes an editor's files have (types, classes, helpers,
 * async route handlers whose request data reaches a shell, a path and a response), for warming a
 * save.
 */
function saveSample(): string {
  // A quarter of the blocks carry request data to sinks, as a file of handlers among helpers does.
  const route = (i: number) => `
router.get("/orders/${i}/:id", async (req: Request, res: Response) => {
  const name = String(req.query.name ?? "");
  const file = path.join(__dirname, "exports", req.params.id);
  try {
    const data = await fs.promises.readFile(file, "utf8");
    exec(\`grep \${name} \${file}\`, (err, out) => res.send(err ? String(err) : out));
    res.json({ data, token: crypto.randomBytes(16).toString("hex"), at: new Date().toISOString() });
  } catch (err) {
    res.status(500).send(\`<p>\${(err as Error).message}</p>\`);
  }
});
`;
  const helpers = (i: number) => `
export function summarise${i}(orders: readonly Order${i}[], currency = "EUR"): string {
  let total = 0;
  for (const order of orders) {
    for (const item of order.items) total += item.qty * (item.price ?? 0);
  }
  const label = orders.length === 1 ? "order" : "orders";
  return \`\${orders.length} \${label}: \${total.toFixed(2)} \${currency}\`;
}

export const isPlaced${i} = (o: Order${i}): boolean => o.status === "placed" || o.status === "paid";
`;
  const block = (i: number) => `
export interface Order${i} {
  id: string;
  items: { sku: string; qty: number; price?: number }[];
  status: "draft" | "placed" | "paid";
}

export class OrderStore${i} {
  private readonly cache = new Map<string, Order${i}>();
  constructor(private readonly db: { query(sql: string, args?: unknown[]): Promise<unknown[]> }) {}

  async find(id: string): Promise<Order${i} | undefined> {
    const known = this.cache.get(id);
    if (known) return known;
    const rows = (await this.db.query("SELECT * FROM orders WHERE id = $1", [id])) as Order${i}[];
    const order = rows[0];
    if (order) this.cache.set(id, { ...order, items: order.items.filter((it) => it.qty > 0) });
    return order;
  }
}

${i % 4 === 0 ? route(i) : helpers(i)}`;
  const head = ['import * as crypto from "node:crypto";', 'import * as fs from "node:fs";', 'import * as path from "node:path";', 'import { exec } from "node:child_process";', 'import { Router, type Request, type Response } from "express";', "", "const router = Router();", ""];
  return head.join("\n") + Array.from({ length: 32 }, (_, i) => block(i)).join("") + "\nexport default router;\n";
}

/** Saves of the sample: the first parses it, each other one edits a line and re-parses incrementally. */
const SAMPLE_SAVES = 6;

let firstDocumentAnalysed: () => void = () => undefined;
const documentAnalysed = new Promise<void>((resolve) => (firstDocumentAnalysed = resolve));

/** A JS or TS document was analysed: the save pre-warm may run once the server is idle. */
export function noteDocumentAnalysed(): void {
  firstDocumentAnalysed();
}

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
  void documentAnalysed.then(() => prewarmSaves(options));
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

/**
 * After the first JS/TS document's diagnostics, when nothing waits: a few saves of a 1,000-line
 * sample kept as an open document, so the code a save runs (incremental parse, the rules' walk,
 * taint) is compiled and optimised before the user's first save rather than during it. One save
 * per turn of the event loop, each after the server is idle.
 */
async function prewarmSaves(options: PrewarmOptions): Promise<void> {
  await sleep(GRACE_MS);
  const started = performance.now();
  const file = path.join(NOWHERE, "save-prewarm.ts");
  const sample = saveSample();
  const middle = sample.indexOf("\n", sample.length >> 1) + 1;
  const times: string[] = [];
  let findings = 0;
  keepDocumentTree(file);
  try {
    for (let i = 0; i < SAMPLE_SAVES; i++) {
      await nextTurn();
      await options.idle();
      if (options.stopped()) return;
      const text = i === 0 ? sample : `${sample.slice(0, middle)}// edit ${i}\n${sample.slice(middle)}`;
      const at = performance.now();
      const found = analyzeFile({ path: file, text, language: "typescript" }, { settings: options.settings });
      JSON.stringify(toDiagnostics(found, fileUri(file), i + 1));
      findings = found.length;
      times.push((performance.now() - at).toFixed(1));
    }
    options.trace(`pre-warm of saves done in ${(performance.now() - started).toFixed(0)} ms (${findings} findings; ${times.join(", ")} ms)`);
  } catch (err) {
    options.trace(`pre-warm of saves failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    releaseDocumentTree(file);
  }
}
