import type { NativeRule } from "../../rule";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The trigger words of a set of rules, found in one pass: a hundred-odd words, most absent from
 * most files, cost a full search of the text each when looked for one by one, and as one regex
 * alternation about 10 ns a character. The pass looks up each pair of adjacent characters in a
 * table of the words' first two, and compares only the words that begin so. Single characters
 * (`/`, `[`) are in nearly every file and are searched for on their own, which stops at once.
 */
interface WordIndex {
  /** Words of two or more characters by their first two, each an ASCII pair: at c0 * 128 + c1. */
  byPair: (string[] | null)[];
  /** Words that begin with another character, as one alternation. */
  others: RegExp | undefined;
}

const indexes = new WeakMap<readonly NativeRule[], WordIndex>();

function indexOf(rules: readonly NativeRule[]): WordIndex {
  let index = indexes.get(rules);
  if (!index) {
    const words = new Set(rules.flatMap((r) => (r.triggers ?? []).filter((t): t is string => typeof t === "string" && t.length > 1)));
    // Filled, not sparse: a sparse array falls back to a slow dictionary.
    const byPair: (string[] | null)[] = new Array<string[] | null>(128 * 128).fill(null);
    const others: string[] = [];
    for (const w of words) {
      const c0 = w.charCodeAt(0);
      const c1 = w.charCodeAt(1);
      if (c0 < 128 && c1 < 128) (byPair[c0 * 128 + c1] ??= []).push(w);
      else others.push(w);
    }
    index = { byPair, others: others.length > 0 ? new RegExp(others.map(escapeRegExp).join("|"), "g") : undefined };
    indexes.set(rules, index);
  }
  return index;
}

/** The index's words present in the text. */
function presentWords(text: string, index: WordIndex): Set<string> {
  const found = new Set<string>();
  const byPair = index.byPair;
  let c0 = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) {
    const c1 = text.charCodeAt(i);
    if (c0 < 128 && c1 < 128) {
      const words = byPair[c0 * 128 + c1];
      if (words) {
        for (let k = 0; k < words.length; k++) {
          const w = words[k]!;
          if (!found.has(w) && text.startsWith(w, i - 1)) found.add(w);
        }
      }
    }
    c0 = c1;
  }
  if (index.others) for (const m of text.matchAll(index.others)) found.add(m[0]);
  return found;
}

/** The rules whose triggers appear in the text; a rule without triggers always runs. */
export function rulesThatMayFire(rules: readonly NativeRule[], text: string): NativeRule[] {
  const found = presentWords(text, indexOf(rules));
  const has = (t: string | RegExp) => (typeof t !== "string" ? t.test(text) : t.length > 1 ? found.has(t) : text.includes(t));
  return rules.filter((r) => !r.triggers || r.triggers.some(has));
}
