/**
 * A JSON parser that remembers where things are: manifests and lockfiles need the line of a
 * dependency entry, and a broken file needs the line where it breaks. Comments (`//`, `/* *\/`)
 * are skipped, as editors accept them in JSON files.
 */
import { LockfileError } from "./graph";

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface JsonObject {
  [key: string]: JsonValue;
}

/** Offsets of one object member: its key's opening quote, its value's start and end. */
export interface MemberSpan {
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface JsonTree {
  value: JsonValue;
  /** Member spans of every object in the tree, by object and key. */
  spans: WeakMap<JsonObject, Map<string, MemberSpan>>;
  /** Offset of each object's opening and closing braces. */
  braces: WeakMap<JsonObject, { open: number; close: number }>;
}

export function parseJsonTree(text: string): JsonTree {
  const spans = new WeakMap<JsonObject, Map<string, MemberSpan>>();
  const braces = new WeakMap<JsonObject, { open: number; close: number }>();
  let i = 0;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of file, expected ${what}` : `expected ${what}`, Math.min(i, text.length));
  };

  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf("\n", i);
        i = nl === -1 ? text.length : nl + 1;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const end = text.indexOf("*/", i + 2);
        if (end === -1) {
          i = text.length;
          fail("the end of a comment");
        }
        i = end + 2;
      } else return;
    }
  };

  const string = (): string => {
    const start = i++;
    for (;;) {
      const q = text.indexOf('"', i);
      const nl = text.indexOf("\n", i);
      if (q === -1 || (nl !== -1 && nl < q)) {
        i = nl === -1 ? text.length : nl;
        fail("the end of a string");
      }
      let backslashes = 0;
      for (let k = q - 1; k > start && text.charCodeAt(k) === 92; k--) backslashes++;
      i = q + 1;
      if (backslashes % 2 === 0) break;
    }
    const raw = text.slice(start, i);
    if (!raw.includes("\\")) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      i = start;
      return fail("a string with valid escapes");
    }
  };

  const value = (): JsonValue => {
    skip();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") {
      i++;
      const out: JsonValue[] = [];
      skip();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return out;
        } else fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!m) return fail("a value");
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
  };

  const object = (): JsonObject => {
    const open = i++;
    const out: JsonObject = {};
    const members = new Map<string, MemberSpan>();
    skip();
    if (text[i] !== "}") {
      for (;;) {
        skip();
        if (text[i] !== '"') fail("a property name");
        const keyStart = i;
        const key = string();
        skip();
        if (text[i] !== ":") fail('":"');
        i++;
        skip();
        const valueStart = i;
        const v = value();
        // An own property even for "__proto__": lockfiles are data, never prototypes.
        if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[key] = v;
        members.set(key, { keyStart, valueStart, valueEnd: i });
        skip();
        if (text[i] === ",") {
          i++;
          skip();
          if (text[i] === "}") break; // trailing comma, as JSONC allows
        } else if (text[i] === "}") break;
        else fail('"," or "}"');
      }
    }
    braces.set(out, { open, close: i });
    i++;
    spans.set(out, members);
    return out;
  };

  const root = value();
  skip();
  if (i < text.length) fail("the end of the file");
  return { value: root, spans, braces };
}

/** A dependency file's JSON, which must be one object; anything else is a LockfileError at its offset. */
export function parseJsonObjectFile(text: string, fileName: string): { tree: JsonTree; root: JsonObject } {
  let tree: JsonTree;
  try {
    tree = parseJsonTree(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new LockfileError(`not valid JSON: ${err.message}`, err.offset);
    throw err;
  }
  if (!isObject(tree.value)) throw new LockfileError(`a ${fileName} holds one JSON object`, 0);
  return { tree, root: tree.value };
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The object at `obj[key]`, or undefined when it is missing or not an object. */
export function objectAt(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = obj?.[key];
  return isObject(v) ? v : undefined;
}

export function stringAt(obj: JsonObject | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === "string" ? v : undefined;
}
