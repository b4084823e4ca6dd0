import type { Fix, TextEdit } from "../finding";
import type { LineIndex } from "../text";
import { span, type YamlNode } from "./yaml-doc";

/** Replaces a scalar's source text: `privileged: true` -> `privileged: false`. */
export function replaceScalar(lines: LineIndex, node: YamlNode, newText: string, title: string, isPreferred = true): Fix | undefined {
  const s = span(node);
  if (!s) return undefined;
  return { title, edits: [{ range: lines.rangeOf(s.start, s.end), newText }], isPreferred };
}

/**
 * Inserts lines above a block mapping key, at that key's indentation. The edit rewrites the key
 * itself rather than inserting at a point, so two fixes that add the same lines overlap and
 * "fix all" applies only one of them.
 */
export function insertAboveKey(lines: LineIndex, key: YamlNode, newLines: string[]): TextEdit | undefined {
  const s = span(key);
  if (!s) return undefined;
  const indent = " ".repeat(lines.positionAt(s.start).character);
  const keyText = lines.text.slice(s.start, s.end);
  return { range: lines.rangeOf(s.start, s.end), newText: [...newLines, keyText].join(`\n${indent}`) };
}
