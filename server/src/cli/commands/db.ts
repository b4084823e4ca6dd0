import * as path from "node:path";
import { UsageError, parseArgs } from "../args";
import type { Command, Io } from "../command";
import { buildStore, ImportError, updateUserDb, type ImportReport } from "../../engine/deps/db-import";
import { AdvisoryDb, bundledSnapshotDir, openUserDb, userCacheDir } from "../../engine/deps/advisory-db";

const USAGE = `vigil db update --from FILE.zip|DIR|FILE.json|URL [--from ...] [--cache-dir DIR | --output DIR]
vigil db status [--cache-dir DIR]

update  imports an OSV export (such as https://storage.googleapis.com/osv-vulnerabilities/npm/all.zip,
        or a folder of OSV JSON files) into your advisory cache and makes it current. The old data
        stays in use until the new data is complete and valid, so an interrupted update is harmless.
status  says which advisory data dependency checks use: its date, record count and where it is.

Options:
  --from SOURCE     a zip, a folder, a JSON file or an http(s) URL to one; repeat to merge sources
  --cache-dir DIR   the cache folder (default: $VIGIL_CACHE_DIR or ${userCacheDir()})
  --output DIR      write a standalone store to DIR instead (how the bundled snapshot is built)
`;

const SPEC = { from: { value: true, repeatable: true }, "cache-dir": { value: true }, output: { value: true } } as const;

function describe(db: AdvisoryDb, label: string): string {
  const m = db.meta;
  return `${label}: ${m.records} advisories (${m.withdrawn} withdrawn) for ${m.packages} npm packages, newest record ${m.date}\n  ${db.dir}\n  ${m.attribution}\n`;
}

export const dbCommand: Command = {
  name: "db",
  summary: "update or describe the advisory data used by dependency checks",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { positionals, options } = parseArgs(argv, SPEC);
    const cacheDir = options["cache-dir"] ? path.resolve(io.cwd, options["cache-dir"] as string) : userCacheDir();
    const [action, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (action === "status") {
      const user = openUserDb(cacheDir);
      io.stdout.write(user ? describe(user, "Using your advisory data") : describe(AdvisoryDb.open(bundledSnapshotDir()), "Using the bundled snapshot"));
      return 0;
    }
    if (action !== "update") throw new UsageError(action ? `unknown db action "${action}"` : "say update or status");
    const sources = ((options.from as string[] | undefined) ?? []).map((s) => (/^https?:\/\//.test(s) ? s : path.resolve(io.cwd, s)));
    if (!sources.length) throw new UsageError("--from is required");
    const step = (message: string) => io.stderr.write(`${message}\n`);
    let report: ImportReport;
    try {
      report = options.output
        ? await buildStore(sources, path.resolve(io.cwd, options.output as string), step)
        : await updateUserDb(sources, cacheDir, step);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      io.stderr.write(`vigil: db update failed, the previous advisory data stays in use: ${err.message}\n`);
      return 2;
    }
    const m = report.meta;
    io.stdout.write(`Imported ${m.records} advisories (${m.withdrawn} withdrawn) for ${m.packages} npm packages, newest record ${m.date}, into ${report.dir}\n`);
    if (report.otherEcosystems) io.stdout.write(`Ignored ${report.otherEcosystems} records about other ecosystems.\n`);
    if (report.rejected) {
      io.stdout.write(`Rejected ${report.rejected} malformed records:\n${report.problems.map((p) => `  ${p}\n`).join("")}`);
    }
    return 0;
  },
};
