/**
 * yarn.lock, both the v1 format (`key "value"`) and Berry's (v2+, `key: value`, a YAML subset),
 * read line by line: both are two-level indented maps, so one reader serves both.
 */
import { LockfileError, splitNameAt, type DependencyGraph, type PackageNode } from "./graph";

interface YarnEntry {
  specs: string[];
  start: number;
  end: number;
  fields: Map<string, string>;
  /** name -> range, from dependencies and optionalDependencies (peers are the parent's to provide). */
  deps: Map<string, string>;
  optionalNames: Set<string>;
}

const DEP_BLOCKS = new Set(["dependencies", "optionalDependencies"]);

/** One token: a double-quoted string (JSON escapes) or a bare word up to white space or `: `. */
function token(line: string, from: number, lineStart: number): { value: string; next: number } {
  if (line[from] === '"') {
    let i = from + 1;
    while (i < line.length && line[i] !== '"') i += line[i] === "\\" ? 2 : 1;
    if (i >= line.length) throw new LockfileError("unterminated string", lineStart + from);
    return { value: JSON.parse(line.slice(from, i + 1)) as string, next: i + 1 };
  }
  const m = /^(?:[^\s:]|:(?!\s|$))+/.exec(line.slice(from));
  return { value: m ? m[0] : "", next: from + (m ? m[0].length : 0) };
}

function parseEntries(text: string): { entries: YarnEntry[]; berry: boolean; formatVersion: string } {
  const entries: YarnEntry[] = [];
  let current: YarnEntry | undefined;
  let block: string | undefined;
  let inMetadata = false;
  let berry = false;
  let formatVersion = /^# yarn lockfile (v\d+)/m.exec(text)?.[1] ?? "";
  let offset = 0;
  for (const raw of text.split("\n")) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, "");
    const content = line.trimStart();
    if (content === "" || content.startsWith("#")) continue;
    const indent = line.length - content.length;
    if (indent === 0) {
      if (!content.endsWith(":")) throw new LockfileError(`expected an entry such as "name@range:"`, lineStart);
      block = undefined;
      if (content === "__metadata:") {
        berry = true;
        inMetadata = true;
        current = undefined;
        continue;
      }
      inMetadata = false;
      const header = content.slice(0, -1);
      const specs: string[] = [];
      for (let i = 0; i < header.length; ) {
        const t = token(header, i, lineStart);
        // Berry quotes the whole list: "a@npm:^1, a@npm:^1.2"
        specs.push(...t.value.split(/,\s*/).filter(Boolean));
        i = t.next;
        while (header[i] === "," || header[i] === " ") i++;
        if (t.next === i && !t.value) throw new LockfileError(`cannot read the entry name`, lineStart + i);
      }
      current = { specs, start: lineStart, end: lineStart + line.length, fields: new Map(), deps: new Map(), optionalNames: new Set() };
      entries.push(current);
      continue;
    }
    const key = token(content, 0, lineStart + indent);
    let i = key.next;
    if (content[i] === ":") i++;
    while (content[i] === " ") i++;
    const value = i < content.length ? token(content, i, lineStart + indent).value : undefined;
    if (inMetadata) {
      if (key.value === "version" && value) formatVersion = value;
      continue;
    }
    if (!current) throw new LockfileError("indented line outside any entry", lineStart);
    if (indent === 2) {
      block = value === undefined ? key.value : undefined;
      if (value !== undefined) current.fields.set(key.value, value);
    } else if (indent === 4 && block && DEP_BLOCKS.has(block) && value !== undefined) {
      current.deps.set(key.value, value);
      if (block === "optionalDependencies") current.optionalNames.add(key.value);
    } else if (indent % 2 !== 0) {
      throw new LockfileError(`unexpected indentation (${indent} spaces)`, lineStart);
    }
  }
  return { entries, berry, formatVersion: berry ? formatVersion : formatVersion || "v1" };
}

/** Berry keys carry a protocol (`npm:^1.2.0`); a bare range in a dependency list means npm. */
function berrySpec(name: string, range: string): string {
  return /^[a-z]+:/.test(range) ? `${name}@${range}` : `${name}@npm:${range}`;
}

export function parseYarnLock(text: string): DependencyGraph {
  const { entries, berry, formatVersion } = parseEntries(text);
  const bySpec = new Map<string, YarnEntry>();
  for (const e of entries) {
    if (!e.fields.has("version")) throw new LockfileError(`entry "${e.specs[0]}" has no version (is the file cut short?)`, e.start);
    for (const s of e.specs) bySpec.set(s, e);
  }
  const specOf = (name: string, range: string) => (berry ? berrySpec(name, range) : `${name}@${range}`);
  const idOf = (e: YarnEntry) => e.specs[0]!;

  const nodes = new Map<string, PackageNode>();
  const importers = new Map<string, Map<string, string>>();
  for (const e of entries) {
    const resolution = e.fields.get("resolution") ?? "";
    const [name, rest] = splitNameAt(resolution || e.specs[0]!);
    const dependencies: string[] = [];
    for (const [n, r] of e.deps) {
      const target = bySpec.get(specOf(n, r));
      if (target) dependencies.push(idOf(target));
    }
    const workspace = /^workspace:(.*)$/.exec(rest);
    if (workspace) {
      const folder = workspace[1] === "." ? "" : workspace[1]!;
      importers.set(folder, new Map([...e.deps].flatMap(([n, r]) => {
        const target = bySpec.get(specOf(n, r));
        return target ? [[n, idOf(target)] as [string, string]] : [];
      })));
    }
    nodes.set(idOf(e), {
      id: idOf(e),
      name,
      version: e.fields.get("version")!,
      start: e.start,
      end: e.end,
      dev: false,
      optional: false,
      dependencies,
      local: berry ? !/^(npm:|patch:)/.test(rest) : /^(file:|link:|git|https?:.*\.git)/.test(e.specs[0]!.slice(name.length + 1)),
    });
  }
  markOptional(entries, nodes, idOf, (n, r) => bySpec.get(specOf(n, r)));
  return {
    kind: berry ? "yarn-berry" : "yarn-v1",
    formatVersion,
    nodes,
    importers,
    resolveDirect: (importer, name, range) => {
      const hit = importers.get(importer)?.get(name);
      if (hit) return hit;
      const e = bySpec.get(specOf(name, range));
      return e ? idOf(e) : undefined;
    },
  };
}

/** An entry only ever reached through optionalDependencies is optional. */
function markOptional(
  entries: YarnEntry[],
  nodes: Map<string, PackageNode>,
  idOf: (e: YarnEntry) => string,
  find: (name: string, range: string) => YarnEntry | undefined,
): void {
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const e of entries) {
    for (const [n, r] of e.deps) {
      const t = find(n, r);
      if (t) (e.optionalNames.has(n) ? optional : required).add(idOf(t));
    }
  }
  for (const id of optional) if (!required.has(id)) nodes.get(id)!.optional = true;
}
