import { readFileSync, statSync } from "node:fs";
import type { SourceFiles } from "./modules";

const MAX_IMPORTED_FILE = 1_000_000;

/** Reads imported modules from disk for cross-file summaries (the CLI and workspace scans use it). */
export const diskSourceFiles: SourceFiles = {
  read(filePath) {
    try {
      if (statSync(filePath).size > MAX_IMPORTED_FILE) return undefined;
      return readFileSync(filePath, "utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  },
};
