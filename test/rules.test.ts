/**
 * The generic rules test: every rule in the registry is held to its metadata, its doc page, its
 * fixtures (both ways) and its fixed file. Adding a rule never touches this file.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../rules";
import { TAINT_RULES } from "../rules/js/taint";
import { analyzeFile, type AnalysisContext } from "../server/src/engine/analyze";
import { DEFAULT_SETTINGS, type Settings } from "../server/src/engine/settings";
import { OWASP_2021 } from "../server/src/engine/taxonomy";
import { SEVERITIES, type Finding } from "../server/src/engine/finding";
import { applyFixes } from "../server/src/engine/fixes";

const RULES_DIR = path.join(__dirname, "..", "rules");
/** Every rule on, so fixtures of rules that are off by default still run. */
const ALL_ON: Settings = { ...DEFAULT_SETTINGS, rules: Object.fromEntries(ALL_RULES.map((r) => [r.id, "on"])) };
/** The project around a fixture or example: no threat model, no other finding (an acceptance there is stale). */
const CONTEXT: AnalysisContext = {
  settings: ALL_ON,
  threatModels: { models: [], now: new Date(), project: { findings: [], covers: () => true } },
};

/** A taint flow replaces the pattern match at its sink, so pattern rules are tested without taint rules. */
const TAINT_OFF: AnalysisContext = {
  ...CONTEXT,
  settings: { ...ALL_ON, rules: { ...ALL_ON.rules, ...Object.fromEntries(TAINT_RULES.map((r) => [r.id, "off"])) } },
};
const contextFor = (id: string): AnalysisContext => (TAINT_RULES.some((r) => r.id === id) ? CONTEXT : TAINT_OFF);

/** `<id>.cases.threatmodel.yaml` is analysed as `threatmodel.yaml`: some analyzers go by file name. */
function analysedAs(fixture: string): string {
  const name = path.basename(fixture).split(".cases.")[1] ?? "";
  return /^[\w-]+\.[\w.]+$/.test(name) && !name.startsWith("cases.") ? path.join(path.dirname(fixture), name) : fixture;
}

function siblings(id: string, suffix: string): string[] {
  const dir = path.join(RULES_DIR, path.dirname(id));
  const base = path.basename(id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.${suffix}.`))
    .map((f) => path.join(dir, f));
}

const JS_EXAMPLE_FILES: Record<string, string> = {
  js: "example.js", javascript: "example.js", ts: "example.ts", typescript: "example.ts", jsx: "example.jsx", tsx: "example.tsx",
};
/** Config and other examples: named as the analyzers recognise such files. */
const OTHER_EXAMPLE_FILES: Record<string, string> = {
  dockerfile: "Dockerfile", yaml: "example.yaml", yml: "example.yaml", python: "example.py", py: "example.py",
  dotenv: ".env", env: ".env", properties: "example.properties", ini: "example.ini", sh: "example.sh", text: "example.txt",
};

/** The file a doc example is analysed as; JS examples of analyzer-run rules (taint) are left to their analyzers' own tests. */
function exampleFileName(tag: string, engine: string): string | undefined {
  return engine === "native" ? (JS_EXAMPLE_FILES[tag] ?? "example.js") : OTHER_EXAMPLE_FILES[tag];
}

interface Annotation {
  kind: "ruleid" | "ok";
  /** 0-based line the annotation points at. */
  line: number;
}

/** `// ruleid: <id>` / `// ok: <id>` (or `#`) point at the next line that is not itself an annotation. */
function annotations(text: string, id: string): Annotation[] {
  const lines = text.split(/\r?\n/);
  const out: Annotation[] = [];
  const re = /(?:\/\/|#|\/\*|<!--)\s*(ruleid|ok):\s*([\w./-]+(?:\s*,\s*[\w./-]+)*)/;
  lines.forEach((l, i) => {
    const m = re.exec(l);
    if (!m || !m[2]!.split(/\s*,\s*/).includes(id)) return;
    let target = i + 1;
    while (target < lines.length && re.test(lines[target]!)) target++;
    out.push({ kind: m[1] as "ruleid" | "ok", line: target });
  });
  return out;
}

test("rule ids are unique", () => {
  const ids = ALL_RULES.map((r) => r.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test("every rule source file under rules/ is registered", () => {
  const registered = new Set(ALL_RULES.map((r) => r.id));
  const unregistered: string[] = [];
  for (const dir of readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(path.join(RULES_DIR, dir.name))) {
      if (!f.endsWith(".md")) continue;
      const id = `${dir.name}/${f.slice(0, -3)}`;
      if (!registered.has(id)) unregistered.push(id);
    }
  }
  assert.deepEqual(unregistered, [], "doc pages without a registered rule");
});

for (const rule of ALL_RULES) {
  describe(rule.id, () => {
    const CONTEXT = contextFor(rule.id);
    test("metadata", () => {
      assert.match(rule.id, /^[a-z0-9-]+\/[a-zA-Z0-9-]+$/);
      assert.ok(rule.title.length > 3 && rule.description.endsWith("."), "title and a one-sentence description");
      assert.ok(SEVERITIES.includes(rule.severity));
      for (const o of rule.owasp) assert.ok(o in OWASP_2021, `OWASP ${o}`);
      if (rule.kind !== "tool") {
        assert.ok(rule.cwe.length > 0, "security rules name at least one CWE");
        assert.ok(rule.owasp.length > 0, "security rules name an OWASP Top 10 2021 category");
      }
      for (const c of rule.cwe) assert.match(c, /^CWE-\d+$/);
    });

    const docPath = path.join(RULES_DIR, `${rule.id}.md`);
    test("doc page", () => {
      assert.ok(existsSync(docPath), `${rule.id}.md exists`);
      const doc = readFileSync(docPath, "utf8");
      assert.ok(doc.startsWith(`# ${rule.title}\n`), "starts with the rule's title");
      const headings = rule.kind === "tool" ? ["## What it means", "## What to do"] : [
        "## What it finds", "## Why it matters", "## Vulnerable example", "## Safe example", "## Fix", "## References",
      ];
      for (const h of headings) assert.ok(doc.includes(`\n${h}\n`), `has "${h}"`);
      if (rule.kind !== "tool") {
        for (const [heading, expectFinding] of [["## Vulnerable example", true], ["## Safe example", false]] as const) {
          // An info string may name the file the example stands for: ```yaml threatmodel.yaml
          const block = new RegExp(`${heading}\\n+\`\`\`(\\w+)(?: ([\\w.-]+))?\\n([\\s\\S]*?)\`\`\``).exec(doc);
          if (!block && rule.engine !== "native") continue;
          assert.ok(block, `${heading} has a code block`);
          const file = block[2] ?? exampleFileName(block[1]!, rule.engine);
          if (!file) continue;
          const found: Finding[] = analyzeFile({ path: file, text: block[3]! }, CONTEXT).filter(
            (f) => f.ruleId === rule.id,
          );
          assert.equal(found.length > 0, expectFinding, `${heading} ${expectFinding ? "triggers" : "does not trigger"} the rule`);
        }
      }
    });

    const cases = siblings(rule.id, "cases");
    if (rule.kind === "tool" && cases.length === 0) return; // notices about files, tested in engine tests
    test("fixtures", () => {
      assert.ok(cases.length > 0, `${rule.id}.cases.<ext> exists`);
      for (const file of cases) {
        const text = readFileSync(file, "utf8");
        const anns = annotations(text, rule.id);
        assert.ok(anns.some((a) => a.kind === "ruleid"), `${path.basename(file)} has a ruleid case`);
        if (rule.kind !== "tool") assert.ok(anns.some((a) => a.kind === "ok"), `${path.basename(file)} has an ok case`);
        const findings = analyzeFile({ path: analysedAs(file), text }, CONTEXT).filter((f) => f.ruleId === rule.id);
        const flagged = new Set(findings.map((f) => f.range.start.line));
        const expected = new Set(anns.filter((a) => a.kind === "ruleid").map((a) => a.line));
        for (const a of anns) {
          if (a.kind === "ruleid") assert.ok(flagged.has(a.line), `${path.basename(file)}:${a.line + 1} should be flagged`);
          else assert.ok(!flagged.has(a.line), `${path.basename(file)}:${a.line + 1} should not be flagged`);
        }
        for (const line of flagged) assert.ok(expected.has(line), `${path.basename(file)}:${line + 1} flagged without a ruleid annotation`);
      }
    });

    const fixed = siblings(rule.id, "fixed");
    if (!rule.fixable && fixed.length === 0) return;
    test("fixed file", () => {
      assert.ok(rule.fixable, "a .fixed file belongs to a fixable rule");
      assert.equal(fixed.length, 1, `${rule.id}.fixed.<ext> exists`);
      const source = cases.find((c) => path.extname(c) === path.extname(fixed[0]!));
      assert.ok(source, "cases file with the same extension");
      const text = readFileSync(source, "utf8");
      const findings = analyzeFile({ path: analysedAs(source), text }, CONTEXT).filter((f) => f.ruleId === rule.id);
      assert.equal(applyFixes(text, findings), readFileSync(fixed[0]!, "utf8"));
      const after = analyzeFile({ path: analysedAs(source), text: readFileSync(fixed[0]!, "utf8") }, CONTEXT);
      const remaining = after.filter((f) => f.ruleId === rule.id && f.fixes.some((x) => x.isPreferred));
      assert.deepEqual(remaining.map((f) => f.range.start.line + 1), [], "fixed file has nothing left to fix");
    });
  });
}
