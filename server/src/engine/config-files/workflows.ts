import type { Fix } from "../finding";
import type { LineIndex } from "../text";
import { Findings } from "./common";
import { insertAboveKey, replaceScalar } from "./yaml-edits";
import { entries, firstKey, get, items, keyName, pairOf, span, str, type YamlNode } from "./yaml-doc";

/** Event fields anyone can set by opening an issue, a pull request, a comment or a branch. */
const UNTRUSTED =
  /^github\.(?:head_ref|event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body|head\.(?:ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|discussion\.(?:title|body)|pages\.[\w*]+\.page_name|commits\.[\w*]+\.(?:message|author\.(?:email|name))|head_commit\.(?:message|author\.(?:email|name))|workflow_run\.(?:head_branch|head_commit\.(?:message|author\.(?:email|name))|display_title)))$/;
const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;
const PR_HEAD_REF = /github\.event\.(?:pull_request\.head\.(?:sha|ref)|workflow_run\.head_(?:sha|branch))|github\.head_ref|refs\/pull\//;
const FIRST_PARTY_OWNERS = new Set(["actions", "github"]);

export function isWorkflow(doc: YamlNode, filePath: string): boolean {
  if (!pairOf(doc, "jobs")) return false;
  return /[\\/]\.github[\\/]workflows[\\/][^\\/]+$/.test(filePath) || pairOf(doc, "on") !== undefined;
}

/** `github.event.issue.title` -> `ISSUE_TITLE`, `github.head_ref` -> `HEAD_REF`. */
function envNameFor(expression: string): string {
  return expression.replace(/^github\.(?:event\.)?/, "").split(".").slice(-2).join("_").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

function triggers(doc: YamlNode): string[] {
  const on = get(doc, "on");
  const single = str(on);
  if (single) return [single];
  return items(on).map((i) => str(i) ?? "").concat(entries(on).map(keyName));
}

export function checkWorkflow(doc: YamlNode, lines: LineIndex, out: Findings): void {
  const at = (node: YamlNode | null | undefined) => lines.rangeOf(span(node)!.start, span(node)!.end);
  const privileged = triggers(doc).filter((t) => t === "pull_request_target" || t === "workflow_run");
  const topPermissions = pairOf(doc, "permissions");
  if (!topPermissions) out.add("gha/missing-permissions", "This workflow sets no top-level permissions, so every job's GITHUB_TOKEN gets the repository default, which is often write access.", at(pairOf(doc, "jobs")!.key));
  checkPermissions(topPermissions?.value, lines, out);
  const workflowEnv = entries(get(doc, "env"));
  for (const job of entries(get(doc, "jobs"))) {
    checkPermissions(get(job.value, "permissions"), lines, out);
    const jobEnv = entries(get(job.value, "env"));
    for (const step of items(get(job.value, "steps"))) {
      const uses = pairOf(step, "uses");
      const action = str(uses?.value);
      if (action) checkAction(action, uses!.value!, at, out);
      if (action?.startsWith("actions/checkout@") && privileged.length) {
        for (const key of ["ref", "repository"]) {
          const v = pairOf(get(step, "with"), key);
          const value = str(v?.value) ?? "";
          if (PR_HEAD_REF.test(value) || (key === "repository" && /pull_request\.head\.repo/.test(value))) {
            out.add("gha/untrusted-checkout", `This ${privileged[0]} workflow checks out the pull request's own code, which then runs with the repository's secrets and a write token.`, at(v!.value));
          }
        }
      }
      const run = pairOf(step, "run");
      if (run?.value) {
        checkScriptInjection(step, run.value, lines, out);
        checkSecretEcho(run.value, [...workflowEnv, ...jobEnv, ...entries(get(step, "env"))], lines, out);
      }
    }
  }
}

function checkPermissions(node: YamlNode | null | undefined, lines: LineIndex, out: Findings): void {
  if (str(node) !== "write-all") return;
  const fix = replaceScalar(lines, node!, "read-all", "Grant read-all and add the write scopes jobs need", false);
  out.add("gha/write-all-permissions", "permissions: write-all lets any step, and any action it runs, push code, publish packages and change the repository.", lines.rangeOf(span(node)!.start, span(node)!.end), fix ? [fix] : []);
}

function checkAction(action: string, node: YamlNode, at: (n: YamlNode) => ReturnType<LineIndex["rangeOf"]>, out: Findings): void {
  if (action.startsWith("./")) return;
  if (action.startsWith("docker://")) {
    if (!action.includes("@sha256:")) out.add("gha/unpinned-action", `${action} is not pinned to an image digest, so its publisher can change what runs here.`, at(node));
    return;
  }
  const [repo, ref] = action.split("@");
  const owner = repo!.split("/")[0]!;
  if (FIRST_PARTY_OWNERS.has(owner.toLowerCase()) || (ref && /^[0-9a-f]{40}$/.test(ref))) return;
  out.add("gha/unpinned-action", `${action} is pinned to ${ref ? `"${ref}"` : "nothing"}, which its owner can move; pin the full commit SHA.`, at(node));
}

/** Every `${{ untrusted }}` in a step's script is replaced by an env var set from the expression. */
function checkScriptInjection(step: YamlNode, script: YamlNode, lines: LineIndex, out: Findings): void {
  const s = span(script)!;
  const source = lines.text.slice(s.start, s.end);
  const hits = [...source.matchAll(EXPRESSION)].filter((m) => UNTRUSTED.test(m[1]!));
  if (!hits.length) return;
  const fix = envFix(step, source, s.start, hits, lines);
  for (const m of hits) {
    out.add("gha/script-injection", `${m[1]} is written into the shell script before it runs, so a crafted value runs commands with this job's token and secrets.`, lines.rangeOf(s.start + m.index!, s.start + m.index! + m[0].length), fix ? [fix] : []);
  }
}

function envFix(step: YamlNode, source: string, offset: number, hits: RegExpMatchArray[], lines: LineIndex): Fix | undefined {
  const names = new Map(hits.map((m) => [m[1]!, envNameFor(m[1]!)]));
  const edits = hits.map((m) => {
    const lineStart = source.lastIndexOf("\n", m.index!) + 1;
    const before = source.slice(lineStart, m.index!);
    const inDouble = (before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1;
    const inSingle = !inDouble && (before.match(/'/g)?.length ?? 0) % 2 === 1;
    const ref = `$${names.get(m[1]!)}`;
    const newText = inDouble ? ref : inSingle ? `'"${ref}"'` : `"${ref}"`;
    return { range: lines.rangeOf(offset + m.index!, offset + m.index! + m[0].length), newText };
  });
  const vars = [...names].map(([expr, name]) => `${name}: \${{ ${expr} }}`);
  const env = get(step, "env");
  const envKey = firstKey(env);
  const runKey = pairOf(step, "run")!.key;
  const insert = envKey ? insertAboveKey(lines, envKey, vars) : !env ? insertAboveKey(lines, runKey, ["env:", ...vars.map((v) => `  ${v}`)]) : undefined;
  if (!insert) return undefined;
  return { title: "Pass the value through env: and quote it in the script", edits: [insert, ...edits], isPreferred: true };
}

const ECHO = /^\s*(?:echo|printf|Write-(?:Host|Output))\b.*$/gm;

/** Secrets written to stdout land in the log; GitHub masks exact matches only, not encodings or parts. */
function checkSecretEcho(script: YamlNode, env: ReturnType<typeof entries>, lines: LineIndex, out: Findings): void {
  const s = span(script)!;
  const source = lines.text.slice(s.start, s.end);
  const secretVars = env.filter((p) => /\$\{\{\s*secrets\./.test(str(p.value) ?? "")).map(keyName);
  const mentions = new RegExp(`\\$\\{\\{\\s*secrets\\.|\\$\\{?(?:${secretVars.map((v) => v.replace(/\W/g, "")).join("|") || "(?!)"})\\b`);
  for (const m of source.matchAll(ECHO)) {
    const line = m[0];
    if (!mentions.test(line) || /\||>|::add-mask::/.test(line)) continue;
    const start = s.start + m.index! + (line.length - line.trimStart().length);
    out.add("gha/secret-in-log", "This step prints a secret to the workflow log, where GitHub's masking misses transformed or partial values and anyone with read access can see it.", lines.rangeOf(start, s.start + m.index! + line.length));
  }
}
