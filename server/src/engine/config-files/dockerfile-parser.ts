/**
 * A Dockerfile parser that keeps offsets: instructions with their continuation lines (`\` or the
 * `# escape=` character) and heredocs (`RUN <<EOF ... EOF`) folded in. Each instruction's `body` is
 * the source text from after the keyword to its end with line continuations and interleaved
 * comment lines blanked to spaces, so an index into `body` plus `bodyStart` is a file offset.
 */

export interface Instruction {
  /** Upper-cased: FROM, RUN, USER, ... */
  keyword: string;
  /** Offset of the keyword. */
  start: number;
  /** Offset just past the instruction (before its final newline). */
  end: number;
  bodyStart: number;
  body: string;
}

export interface DockerfileParse {
  instructions: Instruction[];
  error?: { offset: number; message: string };
}

const KEYWORDS = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
  "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r?\n|\r/g)) {
    out.push({ start, end: m.index!, text: text.slice(start, m.index!) });
    start = m.index! + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/** `# escape=` parser directive, allowed only before the first instruction or comment. */
function escapeChar(lines: Line[]): string {
  for (const l of lines) {
    const m = /^\s*#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(l.text);
    if (!m) break;
    if (m[1]!.toLowerCase() === "escape" && (m[2] === "`" || m[2] === "\\")) return m[2];
  }
  return "\\";
}

const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/g;

export function parseDockerfile(text: string): DockerfileParse {
  const lines = splitLines(text);
  const escape = escapeChar(lines);
  const instructions: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.text.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) {
      i++;
      continue;
    }
    const kw = /^[A-Za-z]+/.exec(trimmed)?.[0] ?? "";
    const start = line.start + (line.text.length - trimmed.length);
    if (!KEYWORDS.has(kw.toUpperCase())) {
      return { instructions, error: { offset: start, message: `unknown instruction "${trimmed.split(/\s/)[0]}"` } };
    }
    // Continuation lines: the escape character at the end of a line joins the next one.
    const blanks: [number, number][] = [];
    let last = i;
    while (lines[last]!.text.trimEnd().endsWith(escape) && last + 1 < lines.length) {
      const cur = lines[last]!;
      const at = cur.start + cur.text.trimEnd().length - 1;
      blanks.push([at, at + 1]);
      last++;
      while (last + 1 < lines.length && /^\s*(#|$)/.test(lines[last]!.text)) {
        blanks.push([lines[last]!.start, lines[last]!.end]);
        last++;
      }
    }
    // Heredocs: each `<<WORD` on the instruction's lines takes the lines up to WORD as its body.
    const logical = text.slice(start, lines[last]!.end);
    const heredocs = ["ENV", "LABEL"].includes(kw.toUpperCase()) ? [] : [...logical.matchAll(HEREDOC)];
    for (const h of heredocs) {
      const word = h[3]!;
      let j = last + 1;
      while (j < lines.length && (h[1] ? lines[j]!.text.trimStart() : lines[j]!.text) !== word) j++;
      if (j >= lines.length) return { instructions, error: { offset: start + h.index!, message: `heredoc <<${word} is never closed` } };
      last = j;
    }
    const bodyStart = start + kw.length;
    const end = lines[last]!.end;
    let body = text.slice(bodyStart, end);
    for (const [a, b] of blanks) body = body.slice(0, a - bodyStart) + " ".repeat(b - a) + body.slice(b - bodyStart);
    instructions.push({ keyword: kw.toUpperCase(), start, end, bodyStart, body });
    i = last + 1;
  }
  return { instructions };
}

/** Arguments split on white space, each with its file offset; `--flag=value` options included. */
export function words(ins: Instruction): { text: string; start: number }[] {
  return [...ins.body.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: ins.bodyStart + m.index! }));
}

/** `KEY=value KEY2="v 2"` or the legacy `KEY value` form of ENV, LABEL and ARG. */
export function keyValues(ins: Instruction): { key: string; keyStart: number; value: string | undefined; valueStart: number }[] {
  const body = ins.body;
  const legacy = /^\s*([^\s=]+)\s+(\S.*?)\s*$/s.exec(body);
  if (legacy && !/=/.test(legacy[1]!) && !/^\S+=/.test(legacy[2]!)) {
    const keyStart = ins.bodyStart + body.indexOf(legacy[1]!);
    return [{ key: legacy[1]!, keyStart, value: legacy[2]!, valueStart: ins.bodyStart + body.lastIndexOf(legacy[2]!) }];
  }
  const out = [];
  for (const m of body.matchAll(/([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    const raw = m[2];
    const value = raw === undefined ? undefined : raw.replace(/^(["'])(.*)\1$/s, "$2");
    const valueStart = ins.bodyStart + m.index! + m[1]!.length + 1 + (raw && /^["']/.test(raw) ? 1 : 0);
    out.push({ key: m[1]!, keyStart: ins.bodyStart + m.index!, value, valueStart });
  }
  return out;
}
