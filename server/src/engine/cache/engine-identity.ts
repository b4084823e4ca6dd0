import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { VERSION } from "../version";
import { digest, digestParts } from "./digest";
import { WORKER_BUNDLE } from "../parallel/worker-script";

let identity: string | undefined;

/**
 * What produced a cached result: Vigil's version, the Node version, and a digest of the engine code
 * that runs (the bundles, or under tsx the engine and rule sources and the lockfile that pins their
 * parsers). Any upgrade or rebuild changes it, so no result outlives the code that computed it.
 */
export function engineIdentity(): string {
  identity ??= digestParts([VERSION, process.version, ...codeFiles().map((file) => `${file}\0${digest(readOrEmpty(file))}`)]);
  return identity;
}

function codeFiles(): string[] {
  if (!__filename.endsWith(".ts")) return [__filename, path.join(__dirname, WORKER_BUNDLE)];
  const repo = path.resolve(__dirname, "../../../..");
  return [
    ...sourcesUnder(path.join(repo, "server", "src", "engine")),
    ...sourcesUnder(path.join(repo, "rules")),
    path.join(repo, "package-lock.json"),
  ];
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(?:ts|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function readOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0); // a bundle missing beside this one: nothing to run, nothing to key
  }
}
