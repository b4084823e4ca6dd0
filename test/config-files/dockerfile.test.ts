import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseDockerfile, keyValues } from "../../server/src/engine/config-files/dockerfile-parser";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { applyFixes } from "../../server/src/engine/fixes";
import { languageOf } from "../../server/src/engine/language";

const scan = (text: string, path = "Dockerfile") => analyzeFile({ path, text }, { settings: DEFAULT_SETTINGS });

describe("Dockerfile parser", () => {
  test("continuation lines and comments inside them belong to one instruction, offsets kept", () => {
    const text = "FROM alpine:3.20\nRUN apk add curl \\\n    # a comment\n    && chmod 777 /srv\nUSER 1000\n";
    const { instructions, error } = parseDockerfile(text);
    assert.equal(error, undefined);
    assert.deepEqual(instructions.map((i) => i.keyword), ["FROM", "RUN", "USER"]);
    const run = instructions[1]!;
    assert.ok(!run.body.includes("\\") && !run.body.includes("comment"), "escape and comment blanked");
    const at = run.body.indexOf("chmod");
    assert.equal(text.slice(run.bodyStart + at, run.bodyStart + at + 5), "chmod", "body offsets are file offsets");
  });
  test("heredocs, including <<- and quoted delimiters, end at their delimiter", () => {
    const text = "FROM alpine:3.20\nRUN <<EOF\necho FROM inside\nEOF\nCOPY <<-'CONF' /etc/app.conf\n\tkey=value\n\tCONF\nUSER 1000\n";
    const { instructions, error } = parseDockerfile(text);
    assert.equal(error, undefined);
    assert.deepEqual(instructions.map((i) => i.keyword), ["FROM", "RUN", "COPY", "USER"]);
    assert.ok(instructions[1]!.body.includes("echo FROM inside"));
  });
  test("the escape directive changes the continuation character", () => {
    const text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    c:\\\nUSER ContainerUser\n";
    const { instructions } = parseDockerfile(text);
    assert.deepEqual(instructions.map((i) => i.keyword), ["FROM", "RUN", "USER"]);
  });
  test("ENV in both forms", () => {
    const [env, legacy] = parseDockerfile('ENV A=1 B="two words" C\nENV NAME some value\n').instructions;
    assert.deepEqual(keyValues(env!).map((k) => [k.key, k.value]), [["A", "1"], ["B", "two words"], ["C", undefined]]);
    assert.deepEqual(keyValues(legacy!).map((k) => [k.key, k.value]), [["NAME", "some value"]]);
  });
  test("a file that does not parse gets one parse-error diagnostic at the problem", () => {
    for (const [text, line] of [["FROM node:20\nRUN <<EOF\necho never closed\n", 1], ["FROM node:20\nRUNN npm ci\nUSER node\n", 1]] as const) {
      const found = scan(text);
      assert.deepEqual(found.map((f) => f.ruleId), ["vigil/parse-error"]);
      assert.equal(found[0]!.range.start.line, line);
    }
  });
  test("Dockerfile names are recognised", () => {
    for (const p of ["Dockerfile", "api/Dockerfile.prod", "build.Dockerfile", "Containerfile", "x.cases.Dockerfile"]) assert.equal(languageOf(p), "dockerfile", p);
    assert.equal(languageOf("dockerfile.js"), "javascript");
  });
});

describe("Dockerfile fixes, verified by re-scan", () => {
  test("USER node goes before CMD of an official node image", () => {
    const text = "FROM node:20-slim\nCOPY . /app\nCMD [\"node\", \"/app/index.js\"]\n";
    const fixed = applyFixes(text, scan(text));
    assert.equal(fixed, "FROM node:20-slim\nCOPY . /app\nUSER node\nCMD [\"node\", \"/app/index.js\"]\n");
    assert.deepEqual(scan(fixed).map((f) => f.ruleId), []);
  });
  test("no USER fix for images without a known unprivileged user", () => {
    const [f] = scan("FROM python:3.12-slim\nCMD [\"python\"]\n").filter((x) => x.ruleId === "docker/runs-as-root");
    assert.deepEqual(f!.fixes, []);
  });
  test("the last stage decides, and USER root counts as root", () => {
    const found = scan("FROM node:20 AS build\nUSER node\nFROM node:20-slim\nUSER root\n").filter((f) => f.ruleId === "docker/runs-as-root");
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 2);
  });
});
