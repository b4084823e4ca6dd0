import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import type { Io } from "./command";
import { CONFIG_FILE, loadSettings } from "../engine/config";
import type { Settings } from "../engine/settings";

/**
 * What a scanning command works on: the paths (default: the current folder), the root reported
 * paths are relative to, and the settings (an explicit --config, else vigil.config.json in the one
 * scanned folder, else in the root).
 */
export function scanTarget(positionals: string[], options: { root?: unknown; config?: unknown }, io: Io): { root: string; paths: string[]; settings: Settings } {
  const root = path.resolve(io.cwd, (options.root as string | undefined) ?? ".");
  const paths = (positionals.length ? positionals : ["."]).map((p) => path.resolve(io.cwd, p));
  const single = paths.length === 1 && isDir(paths[0]!) ? paths[0]! : undefined;
  const configDir = single && existsSync(path.join(single, CONFIG_FILE)) ? single : root;
  const configFile = options.config ? path.resolve(io.cwd, options.config as string) : undefined;
  return { root, paths, settings: loadSettings({ configFile, dir: configDir }).settings };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
