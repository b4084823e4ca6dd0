// Builds the .vsix exactly as `npm run package` does, and lists what went into it.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import * as path from "node:path";

export const REPO = path.join(__dirname, "..", "..");
export const VSIX = path.join(REPO, "dist", "vigil.vsix");

/** Runs `npm run package` with Node 24 first on PATH (@vscode/vsce 4 asks for Node 22 or later). */
export function packageVsix(node24: string): { file: string; bytes: number } {
  const r = spawnSync("npm", ["run", "-s", "package"], {
    cwd: REPO,
    env: { ...process.env, PATH: `${path.dirname(node24)}:${process.env.PATH ?? ""}` },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { file: VSIX, bytes: statSync(VSIX).size };
}

/** The entries of a .vsix (a zip), read with Python's zipfile: Node has no zip reader built in. */
export function vsixEntries(file: string): string[] {
  const script = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))";
  const r = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cannot list ${file}: ${r.stderr}`);
  return r.stdout.split("\n").filter(Boolean);
}
