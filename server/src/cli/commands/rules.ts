import { parseArgs } from "../args";
import type { Command, Io } from "../command";
import { ALL_RULES } from "../../../../rules";
import { ruleDocUrl } from "../../engine/rule";

const USAGE = `vigil rules [--format text|json]

Lists every rule: id, severity, confidence, CWE, whether it has a safe fix, and whether it is on by default.
`;

export const rulesCommand: Command = {
  name: "rules",
  summary: "list every rule with its severity, CWE and fixability",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const { options } = parseArgs(argv, { format: { value: true, choices: ["text", "json"] } });
    const rows = [...ALL_RULES].sort((a, b) => a.id.localeCompare(b.id));
    if (options.format === "json") {
      const data = rows.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind ?? "security",
        severity: r.severity,
        confidence: r.confidence,
        cwe: r.cwe,
        owasp: r.owasp,
        fixable: !!r.fixable,
        enabledByDefault: r.enabledByDefault !== false,
        docs: ruleDocUrl(r.id),
      }));
      io.stdout.write(JSON.stringify(data, null, 2) + "\n");
      return 0;
    }
    const table = [
      ["RULE", "SEVERITY", "CONFIDENCE", "CWE", "FIX", "DEFAULT"],
      ...rows.map((r) => [
        r.id,
        r.severity,
        r.confidence,
        r.cwe.join(",") || "-",
        r.fixable ? "yes" : "-",
        r.enabledByDefault === false ? "off" : "on",
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) io.stdout.write(row.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd() + "\n");
    io.stdout.write(`\n${rows.length} rules\n`);
    return 0;
  },
};
