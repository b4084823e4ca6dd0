/** Shared pieces of the dependency tests: advisory stores built from the real data sets, temp projects. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdvisoryDb, bundledSnapshotDir } from "../../server/src/engine/deps/advisory-db";
import { importInto, readOsvExport } from "../../server/src/engine/deps/db-import";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { createProjectFacts } from "../../server/src/engine/deps/project-facts";
import type { Finding } from "../../server/src/engine/finding";
import { PassThrough } from "node:stream";
import { main } from "../../server/src/cli/main";

export const FIXTURES = path.join(__dirname, "fixtures");
export const FIXTURE_APP = path.join(FIXTURES, "fixture-app");
export const DATA_SOURCES = path.join(__dirname, "..", "..", "data", "advisories", "source");

export function tempDir(prefix = "vigil-deps-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const stores = new Map<string, AdvisoryDb>();
/** A store built from one of the bundled source data sets (`ghsa-osv`, `osv-dev-npm`), once per run. */
export function storeFrom(dataset: string): AdvisoryDb {
  let db = stores.get(dataset);
  if (!db) {
    const dir = path.join(tempDir(), "db");
    const src = path.join(DATA_SOURCES, dataset);
    importInto(dir, [src], readOsvExport(src));
    db = AdvisoryDb.open(dir);
    stores.set(dataset, db);
  }
  return db;
}

/** The bundled snapshot (both data sets merged): the data users get. */
export function snapshot(): AdvisoryDb {
  return AdvisoryDb.open(bundledSnapshotDir());
}

/** Writes `files` (relative path -> text) into a fresh folder and returns it. */
export function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Dependency findings for the given files of a project on disk, as a workspace scan sees them. */
export function depFindings(dir: string, files: string[], advisories: AdvisoryDb): Finding[] {
  const facts = createProjectFacts();
  return files.flatMap((f) => {
    const p = path.join(dir, f);
    return analyzeFile({ path: p, text: readFileSync(p, "utf8") }, { settings: DEFAULT_SETTINGS, project: facts, advisories }).filter(
      (x) => x.ruleId === "deps/vulnerable-dependency" || x.ruleId === "vigil/parse-error",
    );
  });
}

export const fixtureText = (name: string) => readFileSync(path.join(FIXTURE_APP, name), "utf8");

/** Runs a `vigil` command in-process, capturing its output. */
export async function vigil(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => (stdout += d));
  err.on("data", (d) => (stderr += d));
  const code = await main(args, { stdout: out, stderr: err, cwd });
  return { code, stdout, stderr };
}
