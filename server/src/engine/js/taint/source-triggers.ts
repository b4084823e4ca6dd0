import { ALL_SOURCES, AMBIGUOUS_REQUEST_NAMES, REQUEST_NAMES } from "../../../../../rules/js/taint";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Files in which no source can appear are not parsed: a request variable, a browser global that
 * carries URL or cookie data, `process.argv`, or a `message` listener must be named in the text.
 * A global known by a common word (`location`, `process`) counts only beside one of its fields.
 */
const SOURCE_TRIGGERS = (() => {
  const words = new Set<string>([...REQUEST_NAMES, ...AMBIGUOUS_REQUEST_NAMES]);
  const fieldsOf = new Map<string, Set<string>>();
  for (const s of ALL_SOURCES) {
    if (s.on === "request") continue;
    if (s.on === "document" || s.on === "window") words.add(`${s.on}.${s.path[0]}`);
    else if (s.path.length > 0) fieldsOf.set(s.on, (fieldsOf.get(s.on) ?? new Set()).add(s.path[0]!));
    else words.add(s.on);
  }
  const anyOf = (list: Iterable<string>) => new RegExp(`\\b(?:${[...list].map(escape).join("|")})\\b`);
  return {
    words: new RegExp(`${anyOf(words).source}|["']message["']|onmessage`),
    globals: [...fieldsOf].map(([on, fields]) => [anyOf([on]), anyOf(fields)] as const),
  };
})();

/** True when a source may appear in the text; false means none can. */
export function mayHaveSources(text: string): boolean {
  return SOURCE_TRIGGERS.words.test(text) || SOURCE_TRIGGERS.globals.some(([global, field]) => global.test(text) && field.test(text));
}

/** A relative import, re-export, require or dynamic import: the file may take sources from another. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'`]\.\.?\//;

/**
 * A module none of whose functions can return data from a source: none appears in it, and it
 * imports nothing of the project that could give it one.
 */
export function isSourceFree(text: string): boolean {
  return !mayHaveSources(text) && !RELATIVE_IMPORT.test(text);
}
