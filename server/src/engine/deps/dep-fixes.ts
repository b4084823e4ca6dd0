/**
 * Fixes for vulnerable dependencies, as edits to package.json: rewrite a direct dependency's range,
 * or pin a transitive one with `overrides` (npm), `resolutions` (yarn) or `pnpm.overrides`. Vigil
 * never runs the package manager; the titles say to run the install.
 */
import type { Fix, TextEdit } from "../finding";
import { LineIndex } from "../text";
import { isObject, objectAt, parseJsonTree, type JsonObject, type JsonTree } from "./json-tree";
import type { DeclaredDependency } from "./manifest";
import type { LockfileKind } from "./graph";
import type { Upgrade } from "./match";

const INSTALL = "then run your package manager's install";

/** The new range for a declared one: the same operator (exact, `^`, `~`) on the fixed version. */
export function rewrittenRange(range: string, version: string): string {
  const op = /^\s*([\^~]|>=)?\s*v?\d/.exec(range)?.[1];
  return `${op === ">=" ? "^" : (op ?? "")}${version}`;
}

export function rangeFix(dep: DeclaredDependency, upgrade: Upgrade, manifestText: string, manifestPath?: string): Fix {
  const lines = new LineIndex(manifestText);
  const edit: TextEdit = { range: lines.rangeOf(dep.valueStart, dep.valueEnd), newText: JSON.stringify(rewrittenRange(dep.range, upgrade.version)) };
  if (manifestPath) edit.path = manifestPath;
  return {
    title: `Upgrade ${dep.name} to ${upgrade.version}${upgrade.breaking ? " (a new major version: check its breaking changes)" : ""}, ${INSTALL}`,
    edits: [edit],
    isPreferred: !upgrade.breaking,
  };
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The white space one level of nesting adds in this file (two spaces when it cannot tell). */
function indentUnit(text: string, tree: JsonTree, root: JsonObject): string {
  const first = tree.spans.get(root)?.values().next().value;
  if (!first) return "  ";
  const lineStart = text.lastIndexOf("\n", first.keyStart) + 1;
  const ws = text.slice(lineStart, first.keyStart);
  return /^[ \t]+$/.test(ws) ? ws : "  ";
}

/** An edit that sets `obj[key]` to `valueText`: replacing the value, or adding a member. */
function setMember(text: string, tree: JsonTree, obj: JsonObject, key: string, valueText: string, depth: number, unit: string): OffsetEdit {
  const spans = tree.spans.get(obj)!;
  const existing = spans.get(key);
  if (existing) return { start: existing.valueStart, end: existing.valueEnd, newText: valueText };
  const pad = unit.repeat(depth + 1);
  const member = `${JSON.stringify(key)}: ${valueText}`;
  const last = [...spans.values()].pop();
  if (last) return { start: last.valueEnd, end: last.valueEnd, newText: `,\n${pad}${member}` };
  const { open, close } = tree.braces.get(obj)!;
  return { start: open + 1, end: close, newText: `\n${pad}${member}\n${unit.repeat(depth)}` };
}

function objectText(entries: [string, string][], depth: number, unit: string): string {
  const inner = entries.map(([k, v]) => `${unit.repeat(depth + 1)}${JSON.stringify(k)}: ${v}`).join(",\n");
  return `{\n${inner}\n${unit.repeat(depth)}}`;
}

/**
 * Pins a transitive dependency from the root package.json. npm and pnpm overrides select the
 * vulnerable version only (`name@version`), so they are safe; yarn's resolutions cannot select
 * by version and force every copy, so they are offered as a suggestion.
 */
export function overrideFix(
  kind: LockfileKind,
  name: string,
  version: string,
  upgrade: Upgrade,
  manifestPath: string,
  manifestText: string,
): Fix | undefined {
  let tree: JsonTree;
  try {
    tree = parseJsonTree(manifestText);
  } catch {
    return undefined;
  }
  const root = tree.value;
  if (!isObject(root)) return undefined;
  const unit = indentUnit(manifestText, tree, root);
  const value = JSON.stringify(`^${upgrade.version}`);
  const yarn = kind === "yarn-v1" || kind === "yarn-berry";
  const key = yarn ? (kind === "yarn-v1" ? `**/${name}` : name) : `${name}@${version}`;
  const field = yarn ? "resolutions" : "overrides";
  let edit: OffsetEdit;
  if (kind === "pnpm") {
    const pnpm = objectAt(root, "pnpm");
    const overrides = objectAt(pnpm, "overrides");
    if (overrides) edit = setMember(manifestText, tree, overrides, key, value, 2, unit);
    else if (pnpm) edit = setMember(manifestText, tree, pnpm, "overrides", objectText([[key, value]], 2, unit), 1, unit);
    else edit = setMember(manifestText, tree, root, "pnpm", `{\n${unit.repeat(2)}"overrides": ${objectText([[key, value]], 2, unit)}\n${unit}}`, 0, unit);
  } else {
    const existing = objectAt(root, field);
    edit = existing ? setMember(manifestText, tree, existing, key, value, 1, unit) : setMember(manifestText, tree, root, field, objectText([[key, value]], 1, unit), 0, unit);
  }
  const lines = new LineIndex(manifestText);
  const where = kind === "pnpm" ? "pnpm.overrides" : field;
  return {
    title: `Pin ${name}@${version} to ${upgrade.version}${upgrade.breaking ? " (a new major version)" : ""} with ${where} in package.json, ${INSTALL}`,
    edits: [{ range: lines.rangeOf(edit.start, edit.end), newText: edit.newText, path: manifestPath }],
    isPreferred: !upgrade.breaking && !yarn,
  };
}
