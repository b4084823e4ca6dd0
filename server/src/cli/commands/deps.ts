import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "../args";
import type { Command, Io } from "../command";
import { CONFIG_FILE, loadSettings } from "../../engine/config";
import { enumerateFiles } from "../../engine/files";
import { SEVERITIES, atLeast, type Severity } from "../../engine/finding";
import { checkDependencyFile, dependencyFileKind, type DependencyHit } from "../../engine/deps/check";
import { dependencyContext } from "../../engine/deps/context";
import { defaultAdvisorySource } from "../../engine/deps/advisory-db";
import { judge } from "../../engine/deps/deps-analyzer";
import { OnlineAdvisories } from "../../engine/deps/osv-api";
import { LockfileError } from "../../engine/deps/graph";

const USAGE = `vigil deps [paths..] [options]

Checks package.json files and their lockfiles (package-lock.json, npm-shrinkwrap.json, yarn.lock,
pnpm-lock.yaml) against the advisory data, and prints one row per vulnerable package and advisory.

Options:
  --format text|json   output format (default: text)
  --online             also ask the OSV API (api.osv.dev), as the dependencies.onlineSources setting does
  --fail-on SEVERITY   exit 1 when a row is at or above it: critical|high|medium|low|never (default: high)
  --config FILE        settings file (default: ${CONFIG_FILE} in the current folder)
`;

const SPEC = {
  format: { value: true, choices: ["text", "json"] },
  online: {},
  "fail-on": { value: true, choices: [...SEVERITIES.filter((s) => s !== "info"), "never"] },
  config: { value: true },
} as const;

interface Row {
  package: string;
  version: string;
  severity: Severity;
  advisory: string;
  aliases: string[];
  fixedIn: string | null;
  breaking: boolean;
  via: string;
  file: string;
  line: number;
  summary: string;
  url: string;
}

async function dependencyFiles(paths: string[], exclude: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of paths) {
    for await (const e of enumerateFiles(root, { exclude })) if (e.kind === "file" && dependencyFileKind(e.path)) out.push(e.path);
  }
  return out.sort();
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export const depsCommand: Command = {
  name: "deps",
  summary: "list vulnerable dependencies from manifests and lockfiles",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { positionals, options } = parseArgs(argv, SPEC);
    const configFile = options.config ? path.resolve(io.cwd, options.config as string) : undefined;
    const { settings } = loadSettings({ configFile, dir: io.cwd });
    if (options.online) settings.dependencies = { ...settings.dependencies, onlineSources: true };
    const paths = (positionals.length ? positionals : ["."]).map((p) => path.resolve(io.cwd, p));
    const files = await dependencyFiles(paths, settings.exclude);
    const { project, advisories } = await dependencyContext(files, settings);
    const source = advisories ?? defaultAdvisorySource();
    const rows: Row[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      let hits: DependencyHit[];
      try {
        hits = checkDependencyFile({ path: file, text, source, project }) ?? [];
      } catch (err) {
        if (!(err instanceof LockfileError)) throw err;
        problems.push(`${path.relative(io.cwd, file)}:${lineOf(text, err.offset)}: not checked: ${err.message}`);
        continue;
      }
      for (const hit of hits) {
        const { advisory } = hit.match;
        rows.push({
          package: hit.name,
          version: hit.version,
          severity: judge(hit, path.dirname(file), true).severity,
          advisory: advisory.id,
          aliases: advisory.aliases,
          fixedIn: hit.upgrade?.version ?? null,
          breaking: !!hit.upgrade?.breaking,
          via: hit.chain.length > 1 ? hit.chain.slice(0, -1).map((c) => `${c.name}@${c.version}`).join(" > ") : "direct",
          file: path.relative(io.cwd, file) || path.basename(file),
          line: lineOf(text, hit.start),
          summary: advisory.summary,
          url: advisory.url,
        });
      }
    }
    rows.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.package.localeCompare(b.package) || a.advisory.localeCompare(b.advisory));
    const meta = source.meta;
    const data = `advisory data: ${meta.records} records, newest ${meta.date} (${meta.attribution})`;
    const onlineNote = source instanceof OnlineAdvisories ? (source.lastError ? `OSV API not used: ${source.lastError}` : "OSV API consulted") : undefined;
    if (options.format === "json") {
      io.stdout.write(JSON.stringify({ files: files.map((f) => path.relative(io.cwd, f)), advisoryData: meta, online: onlineNote ?? null, problems, vulnerabilities: rows }, null, 2) + "\n");
    } else {
      const table = [
        ["SEVERITY", "PACKAGE", "ADVISORY", "FIXED IN", "VIA", "WHERE"],
        ...rows.map((r) => [r.severity, `${r.package}@${r.version}`, r.advisory, r.fixedIn ? `${r.fixedIn}${r.breaking ? " (major)" : ""}` : "-", r.via, `${r.file}:${r.line}`]),
      ];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      if (rows.length) for (const row of table) io.stdout.write(row.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd() + "\n");
      const packages = new Set(rows.map((r) => `${r.package}@${r.version}`)).size;
      io.stdout.write(`${rows.length ? "\n" : ""}${packages} vulnerable package versions, ${rows.length} advisories, in ${files.length} files; ${data}\n`);
      if (onlineNote) io.stdout.write(`${onlineNote}\n`);
      for (const p of problems) io.stderr.write(`vigil: ${p}\n`);
    }
    const failOn = ((options["fail-on"] as string | undefined) ?? "high") as Severity | "never";
    if (problems.length && !rows.length) return 2;
    return failOn !== "never" && rows.some((r) => atLeast(r.severity, failOn)) ? 1 : 0;
  },
};
