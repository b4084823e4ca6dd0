import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Finding } from "../finding";
import { THREAT_MODEL_FILE_NAMES, isThreatModelFile, modelScope, type ThreatModel } from "./model";
import { parseThreatModel } from "./parse";

/** The threat models a file is analysed against: a project fact carried in AnalysisContext. */
export interface ThreatModelContext {
  /** Every model known in the project, parsed. */
  models: readonly ThreatModel[];
  /** The clock acceptances expire by; tests inject one. */
  now: Date;
  /**
   * What the rest of the project produced, when known (a workspace scan analyses model files last
   * and fills this as it goes): an acceptance for a covered file that matches none of these
   * findings is stale. Absent: staleness is not judged.
   */
  project?: { findings: Finding[]; covers(file: string): boolean };
}

/** The nearest model whose folder holds the file; the model file itself is in its own scope. */
export function modelFor(models: readonly ThreatModel[], file: string): ThreatModel | undefined {
  let best: ThreatModel | undefined;
  for (const m of models) {
    const scope = modelScope(m);
    const rel = path.relative(scope, file);
    if (rel.startsWith("..") || path.isAbsolute(rel)) continue;
    if (!best || scope.length > modelScope(best).length) best = m;
    else if (scope === modelScope(best) && rank(m) < rank(best)) best = m;
  }
  return best;
}

function rank(m: ThreatModel): number {
  return (THREAT_MODEL_FILE_NAMES as readonly string[]).indexOf(path.basename(m.file));
}

/**
 * Reads the models a scan needs: the model files found while enumerating, plus those in the folders
 * above each root up to the repository root (a folder with `.git`), since their scope covers the
 * roots too. Unreadable files are skipped here: the analyzer reports them when it reads them.
 */
export async function loadThreatModels(roots: string[], enumerated: string[]): Promise<ThreatModel[]> {
  const files = new Set(enumerated.map((f) => path.resolve(f)));
  for (const root of roots) {
    let dir = path.resolve(root);
    try {
      if (!(await fs.stat(dir)).isDirectory()) dir = path.dirname(dir);
    } catch {
      continue;
    }
    for (;;) {
      for (const name of THREAT_MODEL_FILE_NAMES) {
        const candidate = path.join(dir, name);
        if (await exists(candidate)) files.add(candidate);
      }
      const parent = path.dirname(dir);
      if (parent === dir || (await exists(path.join(dir, ".git")))) break;
      dir = parent;
    }
  }
  const models: ThreatModel[] = [];
  const depth = (f: string) => f.split(path.sep).length;
  for (const file of [...files].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1))) {
    try {
      models.push(parseThreatModel((await fs.readFile(file, "utf8")).replace(/^\uFEFF/, ""), file).model);
    } catch {
      // unreadable: reported as a skipped file when the scan reaches it
    }
  }
  return models;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The threat-model facts for a scan of `roots`: the models in and above them, the clock, and the
 * findings collected so far (the scan appends to them and analyses model files last, see
 * `modelFilesLast`), so that stale acceptances can be told.
 */
export async function scanThreatModels(roots: string[], enumerated: string[], now: Date): Promise<ThreatModelContext> {
  const resolved = roots.map((r) => path.resolve(r));
  const covers = (file: string) =>
    resolved.some((r) => {
      const rel = path.relative(r, file);
      return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
    });
  return { models: await loadThreatModels(roots, enumerated.filter(isThreatModelFile)), now, project: { findings: [], covers } };
}

/** Analysis order for a scan: threat-model files after the code they judge. */
export function modelFilesLast<T extends { path: string }>(files: T[]): T[] {
  return [...files.filter((f) => !isThreatModelFile(f.path)), ...files.filter((f) => isThreatModelFile(f.path))];
}
