import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, UsageError } from "../args";
import type { Command, Io } from "../command";
import { CONFIG_FILE } from "../../engine/config";
import { scanTarget } from "../scan-target";
import { scanProject } from "../../engine/scan";
import { selectRules } from "../../engine/rule-selection";
import { SEVERITIES, compareFindings, type Finding } from "../../engine/finding";
import { failsGate, type FailOn, type ScanReport } from "../../engine/report/model";
import { toSarif } from "../../engine/report/sarif";
import { toJson } from "../../engine/report/json";
import { toText } from "../../engine/report/text";
import { VERSION } from "../../engine/version";

const USAGE = `vigil scan [paths..] [options]

Scans files and folders (default: the current folder) and reports findings.

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on SEVERITY         exit 1 when a finding is at or above it:
                             critical|high|medium|low|never (default: high)
  --config FILE              settings file (default: ${CONFIG_FILE} in the scanned folder or the root)
  --root DIR                 folder that reported paths are relative to (default: current folder)
  --cache DIR                keep results in DIR (created if missing) and re-analyse only the files
                             that changed, or whose imports, lockfiles, settings or Vigil changed
  --jobs N|auto              worker threads that analyse files; 1 analyses in this process
                             (default: auto, threads only with 4+ cores and many files to analyse)
`;

const SPEC = {
  format: { value: true, choices: ["text", "json", "sarif"] },
  output: { value: true },
  "fail-on": { value: true, choices: [...SEVERITIES.filter((s) => s !== "info"), "never"] },
  config: { value: true },
  root: { value: true },
  cache: { value: true },
  jobs: { value: true },
} as const;

export const scanCommand: Command = {
  name: "scan",
  summary: "scan files and folders and report findings",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { positionals, options } = parseArgs(argv, SPEC);
    const { root, paths, settings } = scanTarget(positionals, options, io);
    const cache = options.cache as string | undefined;
    const jobs = parseJobs(options.jobs as string | undefined);

    const progress = progressLine(io);
    const findings: Finding[] = [];
    let filesScanned = 0;
    for await (const result of scanProject(paths, {
      settings,
      now: io.now?.(),
      ...(cache ? { cacheDir: path.resolve(io.cwd, cache) } : {}),
      ...(jobs ? { jobs } : {}),
      log: (message) => io.stderr.write(`vigil: ${message}\n`),
      onProgress: (done, total, file) => {
        filesScanned = done;
        progress(done, total, file);
      },
    })) {
      findings.push(...result.findings);
    }
    progress.end();
    findings.sort(compareFindings);

    const report: ScanReport = {
      root,
      findings,
      filesScanned,
      toolVersion: VERSION,
      rulesRun: [...selectRules(settings).enabled],
    };
    const format = (options.format as string | undefined) ?? "text";
    const toFile = options.output as string | undefined;
    const body =
      format === "sarif"
        ? JSON.stringify(toSarif(report), null, 2) + "\n"
        : format === "json"
          ? JSON.stringify(toJson(report), null, 2) + "\n"
          : toText(report, { colour: !toFile && !!io.stdout.isTTY && !process.env.NO_COLOR });
    if (toFile) writeFileSync(path.resolve(io.cwd, toFile), body);
    else io.stdout.write(body);
    return failsGate(findings, ((options["fail-on"] as string | undefined) ?? "high") as FailOn) ? 1 : 0;
  },
};

/** `--jobs`: a whole number of at least 1, or "auto" (the engine decides). */
function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined || value === "auto") return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--jobs must be a whole number of at least 1, or auto (got "${value}")`);
  return Number(value);
}

/** A single updating progress line on stderr, only on a TTY and only once a scan takes a while. */
function progressLine(io: Io) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const update = (done: number, total: number, file: string) => {
    if (!io.stderr.isTTY) return;
    const now = Date.now();
    if (now - started < 500 || now - last < 100) return;
    last = now;
    shown = true;
    const name = path.basename(file).slice(0, 40);
    io.stderr.write(`\r\x1b[Kscanning ${done}/${total} ${name}`);
  };
  return Object.assign(update, {
    end() {
      if (shown) io.stderr.write("\r\x1b[K");
    },
  });
}
