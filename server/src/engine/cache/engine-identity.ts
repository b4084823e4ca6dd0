import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { VERSION } from "../version";
import { digest, digestParts } from "./digest";
import { WORKER_BUNDLE } from "../parallel/worker-script";

let identity: string | undefined;

/**
 * What produced a cached result: Vigil's version, the Node version, and the engine code that runs.
 * From the bundles, their path, size and modification time (a build rewrites them; hashing ten
 * megabytes on every scan would cost more than the rest of a re-scan's bookkeeping); under tsx, a
 * digest of the engine and rule sources and of the lockfile that pins their parsers. Any upgrade or
 * rebuild changes it, so no result outlives the code that computed it.
 */
export function engineIdentity(): string {
  identity ??= digestParts([VERSION, process.version, ...(__filename.endsWith(".ts") ? sourceDigests() : bundleStamps())]);
  return identity;
}

function bundleStamps(): string[] {
  return [__filename, path.join(__dirname, WORKER_BUNDLE)].map((file) => {
    try {
      const s = statSync(file);
      return `${file}\0${s.size}\0${s.mtimeMs}`;
    } catch {
      return `${file}\0missing`; // no worker beside this bundle: nothing there to key
    }
  });
}

function sourceDigests(): string[] {
  const repo = path.resolve(__dirname, "../../../..");
  const files = [...sourcesUnder(path.join(repo, "server", "src", "engine")), ...sourcesUnder(path.join(repo, "rules")), path.join(repo, "package-lock.json")];
  return files.map((file) => `${file}\0${digest(readFileSync(file))}`);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(?:ts|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
