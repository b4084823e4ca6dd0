import type { Hover, Position } from "vscode-languageserver";
import { MarkupKind } from "./languageserver";
import type { Finding } from "../engine/finding";
import { ruleDocUrl } from "../engine/rule";
import { fileUri } from "./uri";

function contains(f: Finding, p: Position): boolean {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

/**
 * What the findings under the cursor are, with the links a diagnostic cannot carry: the advisory
 * pages of a vulnerable dependency, the rule's documentation, and the threat-model entry.
 */
export function hoverFor(findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => !f.suppression && contains(f, position));
  if (here.length === 0) return null;
  const sections = here.map((f) => {
    const lines = [`**Vigil** \`${f.ruleId}\` · ${f.severity}${f.cwe.length ? ` · ${f.cwe.join(", ")}` : ""}`, "", f.message];
    const links = [...(f.references ?? []).map((r) => `[${r.title}](${r.url})`), `[Rule documentation](${ruleDocUrl(f.ruleId)})`];
    if (f.threat) links.push(`[Threat ${f.threat.id}: ${f.threat.title}](${fileUri(f.threat.model)}) (${f.threat.status})`);
    lines.push("", links.join(" · "));
    return lines.join("\n");
  });
  return { contents: { kind: MarkupKind.Markdown, value: sections.join("\n\n---\n\n") } };
}
