import type { Analyzer, RawFinding } from "../analyzer";
import { JS_LANGUAGES } from "../language";
import { notice, FILE_START } from "../notice";
import { runEslint } from "./eslint-analyzer";
import { parsedFile } from "./native/parse";
import { rulesThatMayFire, walkRules } from "./native/walk";

/** JS/TS: our rules and eslint-plugin-security's checks, in one walk over TypeScript's tree. */
export const jsAnalyzer: Analyzer = {
  name: "js",
  handles: (_path, language) => language !== undefined && JS_LANGUAGES.includes(language),
  analyze({ path, lines, selection, deadline }) {
    const out: RawFinding[] = [];
    const native = rulesThatMayFire(selection.nativeRules, lines.text);
    if (native.length > 0 || selection.jsRules.length === 0) {
      const parsed = parsedFile(path, lines);
      if (parsed.error) {
        if (selection.jsRules.length > 0) return runEslintRules(path, lines, selection);
        const at = lines.positionAt(parsed.error.offset);
        return [notice("vigil/parse-error", `Syntax error, file not analysed: ${parsed.error.message}`, { start: at, end: at })];
      }
      const outcome = walkRules(parsed.sf, lines, native, deadline);
      out.push(...outcome.findings);
      for (const { rule, error } of outcome.failedRules) out.push(notice("vigil/analysis-error", `Rule ${rule.id} failed on this file: ${error}`, FILE_START));
    }
    if (selection.jsRules.length > 0) out.push(...runEslintRules(path, lines, selection));
    return out;
  },
};

function runEslintRules(path: string, lines: Parameters<typeof runEslint>[1], selection: Parameters<typeof runEslint>[2]): RawFinding[] {
  const outcome = runEslint(path, lines, selection);
  const out: RawFinding[] = [...outcome.findings];
  if (outcome.parseError) {
    const at = lines.positionAt(outcome.parseError.offset);
    out.push(notice("vigil/parse-error", `Syntax error, file not analysed: ${outcome.parseError.message}`, { start: at, end: at }));
  }
  for (const { rule, error } of outcome.failedRules) {
    out.push(notice("vigil/analysis-error", `Rule ${rule.id} failed on this file: ${error}`, FILE_START));
  }
  return out;
}
