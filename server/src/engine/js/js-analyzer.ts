import type { Analyzer, RawFinding } from "../analyzer";
import { JS_LANGUAGES } from "../language";
import { notice, FILE_START } from "../notice";
import { runEslint } from "./eslint-analyzer";

/** JS/TS: our rules and eslint-plugin-security's in one ESLint traversal. */
export const jsAnalyzer: Analyzer = {
  name: "js",
  handles: (_path, language) => language !== undefined && JS_LANGUAGES.includes(language),
  analyze({ path, lines, selection }) {
    if (selection.jsRules.length === 0) return [];
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
  },
};
