// Loads parts of the engine straight from the sources for suites that time one analyzer in-process:
// esbuild bundles the given exports (as the product is built) into node_modules/.cache. CommonJS,
// so the engine finds its bundled data from __dirname as dist/ does.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export async function loadEngine(repoRoot, name, exportsSource) {
  const outdir = join(repoRoot, "node_modules", ".cache", "vigil-bench");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}-engine.cjs`);
  await build({
    stdin: { contents: exportsSource, resolveDir: repoRoot, loader: "ts" },
    bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile, logLevel: "error",
  });
  const m = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
  return m.default ?? m;
}
