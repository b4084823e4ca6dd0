/** Projects on disk for the cache, parallel and incremental-scan tests, and how they scan them. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { scanProject, type FileResult, type ScanOptions } from "../../server/src/engine/scan";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Writes files under `dir`. Each write gets a modification time one second past the last, in the
 * past, as an editor spread over time would leave them: the cache's "unchanged stat" shortcut is
 * then used as it is in real projects, not defeated by every file being brand new.
 */
export class ProjectWriter {
  private clock = Math.floor(Date.now() / 1000) - 86_400;

  constructor(readonly dir: string) {}

  write(rel: string, text: string): void {
    const file = path.join(this.dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    this.clock++;
    utimesSync(file, this.clock, this.clock);
  }

  writeAll(files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
  }

  remove(rel: string): void {
    rmSync(path.join(this.dir, rel), { force: true });
  }
}

/** Every result of a scan, in the order it streamed. */
export async function scanAll(roots: string[], options: Partial<ScanOptions> = {}): Promise<FileResult[]> {
  const out: FileResult[] = [];
  const now = new Date("2026-11-01T00:00:00Z");
  for await (const r of scanProject(roots, { settings: DEFAULT_SETTINGS, now, jobs: 1, ...options })) out.push(r);
  return out;
}

/** Results as comparable text (undefined-valued properties dropped, as every report writer does). */
export function asJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 1);
}

export const ROUTES = `const express = require("express");
const { findUser } = require("./db");
const app = express();
app.get("/u", async (req, res) => {
  res.json(await findUser(req.query.name));
});
`;
export const DB_UNSAFE = `const { Pool } = require("pg");
const pool = new Pool();
exports.findUser = (name) => pool.query("SELECT * FROM users WHERE name = '" + name + "'");
`;
export const DB_SAFE = `const { Pool } = require("pg");
const pool = new Pool();
exports.findUser = (name) => pool.query("SELECT * FROM users WHERE name = $1", [name]);
`;
/** Reaches its sink through a third module, so a change two imports away matters. */
export const DB_VIA_SQL = `const sql = require("./sql");
exports.findUser = (name) => sql.run("SELECT * FROM users WHERE name = '" + name + "'");
`;
export const SQL_UNSAFE = `const { Pool } = require("pg");
const pool = new Pool();
exports.run = (text) => pool.query(text);
`;
export const SQL_HARMLESS = `exports.run = (text) => console.log(text.length);
`;

/** One finding, and a text of the same length with none: a file whose analysis shows. */
export const TLS_OFF = `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";\n`;
export const TLS_ON = `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";\n`;

export function manifest(deps: Record<string, string>): string {
  return JSON.stringify({ name: "app", version: "1.0.0", dependencies: deps }, null, 2) + "\n";
}

/** A package-lock v3 that pins each dependency at the given version. */
export function lockfile(deps: Record<string, string>): string {
  const packages: Record<string, unknown> = { "": { name: "app", version: "1.0.0", dependencies: deps } };
  for (const [name, version] of Object.entries(deps)) {
    packages[`node_modules/${name}`] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` };
  }
  return JSON.stringify({ name: "app", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2) + "\n";
}

/**
 * A project of `modules` route folders (four files each) with shared helpers, cross-file flows
 * that are and are not dangerous, a Dockerfile, a workflow and a locked manifest.
 */
export function generatedProject(modules: number): Record<string, string> {
  const files: Record<string, string> = {
    "package.json": manifest({ lodash: "4.17.15", express: "4.17.1" }),
    "package-lock.json": lockfile({ lodash: "4.17.15", express: "4.17.1" }),
    Dockerfile: "FROM node:latest\nUSER root\nCOPY . /app\nRUN curl http://example.com/install.sh | sh\n",
    ".github/workflows/ci.yml": "on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm test\n",
    "src/shared/exec.js": `const { exec } = require("child_process");\nexports.run = (cmd) => exec("git " + cmd);\n`,
    "src/shared/safe.js": `exports.run = (cmd) => String(cmd).length;\n`,
  };
  for (let i = 0; i < modules; i++) {
    const dir = `src/m${i}`;
    const helper = i % 2 ? "../shared/exec" : "../shared/safe";
    files[`${dir}/routes.js`] = `${ROUTES}const { run } = require("${helper}");\napp.post("/x${i}", (req) => run(req.body.cmd));\n`;
    files[`${dir}/db.js`] = i % 3 === 0 ? DB_VIA_SQL : i % 3 === 1 ? DB_UNSAFE : DB_SAFE;
    files[`${dir}/sql.js`] = i % 5 === 0 ? SQL_HARMLESS : SQL_UNSAFE;
    files[`${dir}/view.tsx`] =
      `import React from "react";\nexport function View({ html }: { html: string }) {\n  const token = Math.random().toString(36);\n  return <div data-t={token} dangerouslySetInnerHTML={{ __html: location.hash.slice(${i % 7}) + html }} />;\n}\n`;
  }
  return files;
}
