/**
 * ProjectFacts from the file system, for workspace scans: sibling files, and an index of which
 * packages the project's own source imports (for reachability). Read synchronously and lazily,
 * once per scan; a language server builds its own view over open documents.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import type { ImportSite, ProjectFacts } from "../analyzer";

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "out", "coverage", "vendor", "bower_components"]);
/** Enough for any real application's own source; beyond it the index stays partial. */
const MAX_SOURCE_FILES = 20_000;
const MAX_SOURCE_BYTES = 1_000_000;

const IMPORT_FROM = /\bimport\s+(?:type\s+)?([\w$]+\s*,?\s*)?(?:\*\s+as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s*)?["']([^"'\n]+)["']/g;
const EXPORT_FROM = /\bexport\s+(?:\*|\{[^}]*\})\s*from\s*["']([^"'\n]+)["']/g;
const REQUIRE = /(?:\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*)?\b(?:require|import)\s*\(\s*["']([^"'\n]+)["']\s*\)/g;

/** `@scope/name/sub/path` -> `@scope/name`; relative paths and `node:` built-ins -> undefined. */
export function packageOfSpecifier(spec: string): string | undefined {
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:") || /^[a-z]+:/i.test(spec)) return undefined;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function names(list: string | undefined, sep: RegExp): string[] {
  if (!list) return [];
  return list
    .split(",")
    .map((s) => s.trim().replace(/^type\s+/, ""))
    .filter(Boolean)
    .map((s) => s.split(sep).pop()!.trim());
}

/** Every package import in one file's text, with its line and local names. */
export function importsInText(file: string, text: string): (ImportSite & { packageName: string })[] {
  const out: (ImportSite & { packageName: string })[] = [];
  const lineOf = (offset: number) => {
    let n = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
    return n;
  };
  const add = (spec: string, offset: number, bindings: string[], named: string[]) => {
    const packageName = packageOfSpecifier(spec);
    if (packageName) out.push({ packageName, path: file, line: lineOf(offset), bindings, named });
  };
  for (const m of text.matchAll(IMPORT_FROM)) {
    const def = m[1]?.replace(/[\s,]/g, "");
    add(m[4]!, m.index!, [def, m[2]].filter((x): x is string => !!x), names(m[3], /\s+as\s+/));
  }
  for (const m of text.matchAll(EXPORT_FROM)) add(m[1]!, m.index!, [], []);
  for (const m of text.matchAll(REQUIRE)) add(m[3]!, m.index!, m[1] ? [m[1]] : [], names(m[2], /\s*:\s*/));
  return out;
}

export function createProjectFacts(): ProjectFacts {
  const texts = new Map<string, string | undefined>();
  const indexes = new Map<string, Map<string, ImportSite[]>>();

  // Most files asked for do not exist (each extension an import may resolve to): a stat that does
  // not throw answers those for a fifth of the cost of a failed read and its exception.
  const readFile = (file: string): string | undefined => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        if (statSync(file, { throwIfNoEntry: false })?.isFile()) text = readFileSync(file, "utf8");
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };

  const buildIndex = (root: string): Map<string, ImportSite[]> => {
    const index = new Map<string, ImportSite[]>();
    let budget = MAX_SOURCE_FILES;
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (budget <= 0) return;
        if (e.name.startsWith(".")) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) walk(p);
        } else if (e.isFile() && SOURCE_FILE.test(e.name) && !e.name.endsWith(".d.ts")) {
          budget--;
          const text = readFile(p);
          if (!text || text.length > MAX_SOURCE_BYTES) continue;
          for (const site of importsInText(p, text)) {
            const { packageName, ...rest } = site;
            const list = index.get(packageName) ?? [];
            list.push(rest);
            index.set(packageName, list);
          }
        }
      }
    };
    walk(root);
    return index;
  };

  return {
    readFile,
    importsOf(root, packageName) {
      let index = indexes.get(root);
      if (!index) indexes.set(root, (index = buildIndex(root)));
      return index.get(packageName) ?? [];
    },
  };
}
