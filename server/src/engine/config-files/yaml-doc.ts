import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from "yaml";

/**
 * YAML with source positions for the config analyzers: each document of a (multi-document) file,
 * and small accessors that keep the offsets a finding or a fix needs.
 */

export type YamlNode = Node;

export interface YamlParse {
  documents: YamlNode[];
  /** The first syntax error, when the file does not parse. */
  error?: { offset: number; message: string };
}

export function parseYaml(text: string): YamlParse {
  const docs = parseAllDocuments(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const e = d.errors[0];
    if (e) return { documents: [], error: { offset: e.pos[0], message: e.message.split("\n")[0]! } };
  }
  return { documents: list.flatMap((d) => (d.contents ? [d.contents as YamlNode] : [])) };
}

/** The pair for a key of a mapping, if the node is a mapping that has it. */
export function pairOf(node: unknown, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  if (!isMap(node)) return undefined;
  return (node as YAMLMap<YamlNode, YamlNode | null>).items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** Follows a path of mapping keys. */
export function get(node: unknown, ...path: string[]): YamlNode | undefined {
  let cur: unknown = node;
  for (const key of path) {
    cur = pairOf(cur, key)?.value ?? undefined;
    if (cur === undefined) return undefined;
  }
  return cur as YamlNode;
}

/** A scalar's value as a string (numbers and booleans too); undefined for maps, lists and null. */
export function str(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

export function isTrue(node: unknown): boolean {
  return isScalar(node) && (node.value === true || node.value === "true");
}

export function items(node: unknown): YamlNode[] {
  return isSeq(node) ? (node.items as YamlNode[]) : [];
}

export function entries(node: unknown): Pair<YamlNode, YamlNode | null>[] {
  return isMap(node) ? (node as YAMLMap<YamlNode, YamlNode | null>).items : [];
}

export function keyName(pair: Pair<YamlNode, YamlNode | null>): string {
  return isScalar(pair.key) ? String(pair.key.value) : "";
}

/** Source offsets of a node (without trailing comments). */
export function span(node: YamlNode | null | undefined): { start: number; end: number } | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

/** A block mapping's first key, for inserting a sibling key above it with the same indentation. */
export function firstKey(node: unknown): YamlNode | undefined {
  if (!isMap(node) || (node as YAMLMap).flow) return undefined;
  const first = (node as YAMLMap<YamlNode, YamlNode | null>).items[0]?.key;
  return first ?? undefined;
}
