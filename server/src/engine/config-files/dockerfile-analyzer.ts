import type { Analyzer } from "../analyzer";
import type { Fix } from "../finding";
import { notice } from "../notice";
import type { LineIndex } from "../text";
import { namesSecret } from "../secrets/assignments";
import { Findings, imageReference, literalSecret, unpinnedReason } from "./common";
import { keyValues, parseDockerfile, words, type Instruction } from "./dockerfile-parser";

const PIPE_TO_SHELL = /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:sh|bash|zsh|ash|dash|ksh|python[23]?|perl|ruby|node)\b/g;
const SUDO = /(?:^\s*|[;&|(]\s*|\bthen\s+|\bdo\s+)(sudo)\b/gm;
const CHMOD_777 = /\bchmod\s+(?:-\S+\s+)*(0?777|a\+rwx|ugo\+rwx)\b/g;
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;

/** The official Node.js images ship a `node` user for exactly this. */
function isOfficialNodeImage(ref: string): boolean {
  return /^(?:(?:docker\.io\/)?(?:library\/)?)node$/.test(imageReference(ref).name);
}

interface Stage {
  from: Instruction;
  image: { text: string; start: number } | undefined;
  instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === "FROM") {
      const image = words(ins).find((w) => !w.text.startsWith("--"));
      stages.push({ from: ins, image, instructions: [] });
    } else stages[stages.length - 1]?.instructions.push(ins);
  }
  return stages;
}

export const dockerfileAnalyzer: Analyzer = {
  name: "dockerfile",
  handles: (_path, language) => language === "dockerfile",
  analyze({ lines, selection }) {
    const parsed = parseDockerfile(lines.text);
    if (parsed.error) {
      const at = lines.positionAt(parsed.error.offset);
      return [notice("vigil/parse-error", `Dockerfile does not parse, file not analysed: ${parsed.error.message}.`, { start: at, end: at })];
    }
    const out = new Findings(selection);
    const stages = stagesOf(parsed.instructions);
    const stageNames = new Set(stages.flatMap((s) => /\bAS\s+(\S+)\s*$/i.exec(s.from.body)?.[1]?.toLowerCase() ?? []));
    for (const { image } of stages) {
      if (!image || image.text === "scratch" || image.text.includes("$") || stageNames.has(image.text.toLowerCase())) continue;
      const why = unpinnedReason(image.text);
      if (why) out.add("docker/unpinned-base-image", `Base image ${image.text} ${why}: every build can pull a different, unreviewed image.`, lines.rangeOf(image.start, image.start + image.text.length));
    }
    checkUser(stages[stages.length - 1], lines, out);
    for (const ins of parsed.instructions) checkInstruction(ins, lines, out);
    return out.list;
  },
};

/** The final stage is the image that runs: without a non-root USER its process runs as root. */
function checkUser(last: Stage | undefined, lines: LineIndex, out: Findings): void {
  if (!last) return;
  const users = last.instructions.filter((i) => i.keyword === "USER");
  const user = users[users.length - 1]?.body.trim().split(":")[0];
  if (user !== undefined && user !== "root" && user !== "0") return;
  const fixes: Fix[] = [];
  if (user === undefined && last.image && isOfficialNodeImage(last.image.text)) {
    const before = last.instructions.find((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    const at = before ? before.start : lines.text.length;
    const prefix = before || lines.text.endsWith("\n") || lines.text === "" ? "" : "\n";
    fixes.push({ title: "Run as the image's unprivileged node user (USER node)", edits: [{ range: lines.rangeOf(at, at), newText: `${prefix}USER node\n` }], isPreferred: true });
  }
  const what = user === undefined ? "has no USER instruction" : `switches to USER ${user}`;
  out.add("docker/runs-as-root", `The final stage ${what}, so the container runs as root; a compromise of the process is a compromise of the container.`, lines.rangeOf(last.from.start, last.from.end), fixes);
}

function checkInstruction(ins: Instruction, lines: LineIndex, out: Findings): void {
  const at = (start: number, length: number) => lines.rangeOf(ins.bodyStart + start, ins.bodyStart + start + length);
  switch (ins.keyword) {
    case "ADD": {
      const args = words(ins).filter((w) => !w.text.startsWith("--"));
      const sources = args.slice(0, -1);
      const remote = sources.filter((s) => /^(?:https?|ftp):\/\//i.test(s.text));
      const hasChecksum = /--checksum=/.test(ins.body);
      for (const s of remote) {
        if (!hasChecksum) out.add("docker/add-from-url", `ADD downloads ${s.text} with no checksum, so whatever the server returns goes into the image.`, lines.rangeOf(s.start, s.start + s.text.length));
      }
      const gitOrArchive = sources.some((s) => ARCHIVE.test(s.text) || /^git@|\.git(?:#|$)/.test(s.text));
      if (sources.length > 0 && remote.length === 0 && !gitOrArchive && !/^\s*</.test(ins.body)) {
        const fix = { title: "Use COPY for local files", edits: [{ range: lines.rangeOf(ins.start, ins.start + 3), newText: "COPY" }], isPreferred: true };
        out.add("docker/add-instead-of-copy", "ADD copies local files but also unpacks archives and fetches URLs; COPY does only what is meant.", lines.rangeOf(ins.start, ins.start + 3), [fix]);
      }
      return;
    }
    case "RUN": {
      for (const m of ins.body.matchAll(PIPE_TO_SHELL)) out.add("docker/pipe-to-shell", "A script downloaded during the build is piped straight into an interpreter, unverified.", at(m.index!, m[0].length));
      for (const m of ins.body.matchAll(SUDO)) {
        const offset = m.index! + m[0].length - 4;
        out.add("docker/sudo", "sudo in a Dockerfile means the image carries sudo and a user allowed to use it; run the step as root before USER instead.", at(offset, 4));
      }
      for (const m of ins.body.matchAll(CHMOD_777)) out.add("docker/chmod-777", `chmod ${m[1]} makes files writable by every user in the container.`, at(m.index!, m[0].length));
      return;
    }
    case "ENV":
    case "ARG": {
      for (const kv of keyValues(ins)) {
        if (!namesSecret(kv.key)) continue;
        const shown = literalSecret(kv.key, kv.value);
        const how = shown ? `holds the literal ${shown}` : "is a secret";
        out.add("docker/secret-in-env", `${ins.keyword} ${kv.key} ${how}; ${ins.keyword} values stay readable in the image history. Use a build secret (RUN --mount=type=secret) instead.`, lines.rangeOf(kv.keyStart, kv.keyStart + kv.key.length));
      }
      return;
    }
  }
}
