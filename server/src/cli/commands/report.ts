import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "../args";
import type { Command, Io } from "../command";
import { CONFIG_FILE } from "../../engine/config";
import { scanTarget } from "../scan-target";
import { enumerateFiles } from "../../engine/files";
import { compareFindings, type Finding } from "../../engine/finding";
import type { ScanReport } from "../../engine/report/model";
import { toHtml } from "../../engine/report/html";
import { toMarkdown } from "../../engine/report/markdown";
import { selectRules } from "../../engine/rule-selection";
import { scanProject } from "../../engine/scan";
import { buildAuditReport } from "../../engine/threatmodel/audit";
import { isThreatModelFile } from "../../engine/threatmodel/model";
import { scanThreatModels } from "../../engine/threatmodel/scope";
import { VERSION } from "../../engine/version";

const USAGE = `vigil report [paths..] --format md|html --output FILE [options]

Scans files and folders (default: the current folder) and writes a security report: scan facts,
findings by severity, CWE and OWASP Top 10 2021, each threat of the threat models with its status,
mitigation and linked findings, accepted risks with reason, approver and expiry, and a compliance
view (OWASP Top 10 2021, PCI DSS v4.0 requirement 6.2.4).

Options:
  --format md|html   report format (default: md)
  --output FILE      write the report to FILE (default: standard output)
  --config FILE      settings file (default: ${CONFIG_FILE} in the scanned folder or the root)
  --root DIR         folder that reported paths are relative to (default: current folder)
`;

const SPEC = {
  format: { value: true, choices: ["md", "html"] },
  output: { value: true },
  config: { value: true },
  root: { value: true },
} as const;

export const reportCommand: Command = {
  name: "report",
  summary: "write a security report (Markdown or HTML) with the threat model and compliance views",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { positionals, options } = parseArgs(argv, SPEC);
    const { root, paths, settings } = scanTarget(positionals, options, io);
    const now = io.now?.() ?? new Date();

    // The models are needed by the report as well as by the scan, so they are found first.
    const modelFiles: string[] = [];
    for (const p of paths) {
      for await (const e of enumerateFiles(p, { exclude: settings.exclude })) if (e.kind === "file" && isThreatModelFile(e.path)) modelFiles.push(e.path);
    }
    const threatModels = await scanThreatModels(paths, modelFiles, now);
    const findings: Finding[] = [];
    let filesScanned = 0;
    for await (const result of scanProject(paths, { settings, threatModels, onProgress: (done) => (filesScanned = done) })) {
      findings.push(...result.findings);
    }
    findings.sort(compareFindings);
    const scan: ScanReport = { root, findings, filesScanned, toolVersion: VERSION, rulesRun: [...selectRules(settings).enabled] };
    const audit = buildAuditReport(scan, threatModels.models, now);
    const body = options.format === "html" ? toHtml(audit) : toMarkdown(audit);
    if (options.output) writeFileSync(path.resolve(io.cwd, options.output as string), body);
    else io.stdout.write(body);
    return 0;
  },
};
