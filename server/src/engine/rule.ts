import type { Confidence, Severity } from "./finding";
import type { Cwe, Owasp } from "./taxonomy";
import type { Language } from "./language";
import type { NativeContext, NativeListener } from "./js/native/api";

/** What every rule declares, whatever analyzer runs it. */
export interface RuleMeta {
  /** `<category>/<name>`: the rule's file name under rules/, its doc URL and its test name. */
  readonly id: string;
  readonly title: string;
  /** One sentence: what it finds. Used as SARIF shortDescription and in `vigil rules`. */
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly cwe: readonly Cwe[];
  readonly owasp: readonly Owasp[];
  readonly languages: readonly Language[] | "*";
  /** "tool" rules report on the scan itself (a file that does not parse); they carry no CWE. */
  readonly kind?: "security" | "tool";
  /** Rules too noisy to help are off unless the user turns them on. */
  readonly enabledByDefault?: boolean;
  /** True when at least one case has a safe, preferred fix. */
  readonly fixable?: boolean;
}

/** A JS/TS rule on TypeScript's own tree, run in the shared native walk (server/src/engine/js/native). */
export interface NativeRule extends RuleMeta {
  readonly engine: "native";
  readonly messages: Record<string, string>;
  /** Title of the quick fix when the rule reports a safe `fix`; suggestions carry their own. */
  readonly fixTitle?: string;
  /**
   * Words one of which must appear in a file's text for the rule to fire there; files without any
   * are not walked for it (nor parsed, when no rule or analysis needs them). Absent: every file.
   * A RegExp (never global: `test` must not keep state) stands for words it matches, e.g. in any case.
   */
  readonly triggers?: readonly (string | RegExp)[];
  readonly create: (context: NativeContext) => NativeListener;
}

/** A rule whose checks live in its analyzer (tool notices, and analyzers that are not ESLint). */
export interface PlainRule extends RuleMeta {
  readonly engine: "plain";
}

export type VigilRule = NativeRule | PlainRule;

export function defineRule<R extends VigilRule>(rule: R): R {
  return rule;
}

export const DOCS_BASE_URL = "https://github.com/vigil-security/vigil/blob/main/rules/";

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
