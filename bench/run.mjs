#!/usr/bin/env node
// Runs the benchmark suites and prints their results (printed, never asserted).
//
//   node bench/run.mjs [suite..] [options] [--json FILE]
//
// Every bench/suites/*.mjs is a suite: it exports `name`, `description`, optionally `options`
// (a node:util parseArgs spec for its own flags) and `async run(ctx)`, which prints through
// ctx.print and returns a JSON-able result. Adding a suite is adding a file here.
import { readdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { benchDir, ensureCorpus } from "./lib/corpus.mjs";

const suitesDir = fileURLToPath(new URL("./suites/", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

const COMMON_OPTIONS = {
  json: { type: "string", description: "also write every suite's result as JSON to FILE" },
  help: { type: "boolean", short: "h", description: "list the suites and their options" },
};

/** The suites that load; one that does not is reported and stands in as a suite that fails. */
async function loadSuites() {
  const files = readdirSync(suitesDir)
    .filter((f) => f.endsWith(".mjs"))
    .sort();
  const suites = [];
  for (const file of files) {
    const fallbackName = file.replace(/\.mjs$/, "");
    try {
      const suite = await import(pathToFileURL(join(suitesDir, file)).href);
      if (typeof suite.name !== "string" || typeof suite.run !== "function") {
        throw new Error("it must export a name and a run function");
      }
      suites.push(suite);
    } catch (err) {
      const problem = `bench/suites/${file} does not load: ${err?.message ?? err}`;
      console.error(problem);
      suites.push({ name: fallbackName, description: "(does not load)", run: () => Promise.reject(new Error(problem)) });
    }
  }
  return suites;
}

/** The union of every suite's flags; two suites may share a flag only if they declare it alike. */
function optionSpec(suites) {
  const spec = { ...COMMON_OPTIONS };
  for (const suite of suites) {
    for (const [flag, option] of Object.entries(suite.options ?? {})) {
      if (spec[flag] && (spec[flag].type !== option.type || spec[flag].short !== option.short)) {
        throw new Error(`suite ${suite.name} declares --${flag} unlike another suite`);
      }
      spec[flag] ??= option;
    }
  }
  return spec;
}

function usage(suites, spec) {
  const flags = Object.entries(spec).map(([flag, o]) => {
    const name = `--${flag}${o.type === "string" ? " VALUE" : ""}`;
    return `  ${name.padEnd(22)} ${o.description ?? ""}`;
  });
  return [
    "Usage: node bench/run.mjs [suite..] [options]",
    "",
    "Suites (all of them when none is named):",
    ...suites.map((s) => `  ${s.name.padEnd(22)} ${s.description ?? ""}`),
    "",
    "Options:",
    ...flags,
    "",
    `Corpus cache: ${benchDir()} (set VIGIL_BENCH_DIR to move it)`,
  ].join("\n");
}

async function main() {
  const suites = await loadSuites();
  const spec = optionSpec(suites);
  const parseSpec = Object.fromEntries(
    Object.entries(spec).map(([flag, { description: _description, ...o }]) => [flag, o]),
  );
  const { values, positionals } = parseArgs({ options: parseSpec, allowPositionals: true });
  if (values.help) {
    console.log(usage(suites, spec));
    return 0;
  }
  const unknown = positionals.filter((p) => !suites.some((s) => s.name === p));
  if (unknown.length) {
    console.error(`unknown suite ${unknown.join(", ")}\n\n${usage(suites, spec)}`);
    return 2;
  }
  const chosen = positionals.length ? suites.filter((s) => positionals.includes(s.name)) : suites;

  const progress = (line) => process.stderr.write(`${line}\n`);
  const ctx = {
    values,
    repoRoot,
    print: (line = "") => process.stdout.write(`${line}\n`),
    progress,
    corpus: (name) => ensureCorpus(name, { log: progress }),
  };
  const results = {};
  let failed = false;
  for (const suite of chosen) {
    ctx.print(`== ${suite.name}`);
    try {
      results[suite.name] = await suite.run(ctx);
    } catch (err) {
      failed = true;
      results[suite.name] = { error: String(err?.message ?? err) };
      console.error(`suite ${suite.name} failed: ${err?.stack ?? err}`);
    }
    ctx.print();
  }
  printAcceptance(ctx.print, Object.values(results).flatMap((r) => r?.acceptance ?? []));
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + "\n");
  return failed ? 1 : 0;
}

/**
 * A suite's result may hold `acceptance`: criteria, each { criterion, figure, anchor, met } with
 * `met` true, false or null (not measured); all of them are printed last, in one place.
 */
function printAcceptance(print, criteria) {
  if (criteria.length === 0) return;
  print("== acceptance (each figure against its anchor measured in the same run)");
  for (const c of criteria) {
    const verdict = c.met === true ? "met" : c.met === false ? "NOT MET" : "not measured";
    print(`${verdict.padEnd(12)} ${c.criterion}: ${c.figure} (${c.anchor})`);
  }
  print();
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`bench: ${err?.message ?? err}`);
    process.exitCode = 2;
  },
);
