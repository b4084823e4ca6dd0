import type { Analyzer, RawFinding } from "../analyzer";
import { JS_LANGUAGES } from "../language";
import { notice, FILE_START } from "../notice";
import { parsedFile } from "./native/parse";
import { walkRules } from "./native/walk";
import { rulesThatMayFire } from "./native/triggers";

/** JS/TS: our rules and eslint-plugin-security's checks, in one walk over TypeScript's tree. */
export const jsAnalyzer: Analyzer = {
  name: "js",
  handles: (_path, language) => language !== undefined && JS_LANGUAGES.includes(language),
  analyze({ path, lines, selection, deadline }) {
    // Parsed even when no rule can fire: a file that does not parse is reported as not analysed.
    const parsed = parsedFile(path, lines);
    if (parsed.error) {
      const at = lines.positionAt(parsed.error.offset);
      return [notice("vigil/parse-error", `Syntax error, file not analysed: ${parsed.error.message}`, { start: at, end: at })];
    }
    const outcome = walkRules(parsed, lines, rulesThatMayFire(selection.nativeRules, lines.text), deadline);
    const out: RawFinding[] = outcome.findings;
    for (const { rule, error } of outcome.failedRules) out.push(notice("vigil/analysis-error", `Rule ${rule.id} failed on this file: ${error}`, FILE_START));
    return out;
  },
};
