import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CLI, runCli } from "../helpers/cli";

/**
 * One project with every kind of bad input beside one real finding: the scan completes, each
 * problem is reported once, and the exit code follows the real finding.
 */
test("bad input: syntax error, 5 MB bundle, binary, symlink loop, unreadable file", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-bad-"));
  try {
    chmodSync(dir, 0o755);
    const proj = path.join(dir, "proj");
    mkdirSync(path.join(proj, "src", "nested"), { recursive: true });
    writeFileSync(path.join(proj, "src", "broken.ts"), "export function f( {\n  return 1;\n");
    const line = "var a=function(){return window.x+1};".repeat(30);
    writeFileSync(path.join(proj, "bundle.min.js"), (line + "\n").repeat(Math.ceil(5_000_000 / (line.length + 1))));
    writeFileSync(path.join(proj, "src", "blob.js"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    symlinkSync("..", path.join(proj, "src", "nested", "loop"));
    writeFileSync(path.join(proj, "src", "secret.js"), "module.exports = 1;\n");
    chmodSync(path.join(proj, "src", "secret.js"), 0o000);
    writeFileSync(path.join(proj, "src", "real.js"), "require('https').request({ rejectUnauthorized: false });\n");

    // Root reads any file, so run the CLI as an unprivileged user when the tests run as root.
    const asNobody = process.getuid?.() === 0;
    let cli = CLI;
    if (asNobody) {
      cli = path.join(dir, "cli.js");
      copyFileSync(CLI, cli);
    }
    const r = await runCli(["scan", "proj", "--format", "json", "--fail-on", "high"], {
      cli,
      cwd: dir,
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const notices = report.findings.filter((f: { kind: string }) => f.kind === "notice");
    const byPath = (p: string) => notices.filter((n: { path: string }) => n.path === p);
    const expect = (p: string, ruleId: string, pattern: RegExp) => {
      const hits = byPath(p);
      assert.equal(hits.length, 1, `${p}: exactly one notice, got ${JSON.stringify(hits)}`);
      assert.equal(hits[0].ruleId, ruleId);
      assert.match(hits[0].message, pattern);
    };
    expect("proj/src/broken.ts", "vigil/parse-error", /Syntax error/);
    expect("proj/bundle.min.js", "vigil/file-skipped", /larger than|minified/);
    expect("proj/src/blob.js", "vigil/file-skipped", /binary/);
    expect("proj/src/nested/loop", "vigil/file-skipped", /symlink loop/);
    expect("proj/src/secret.js", "vigil/file-skipped", /cannot be read \(EACCES\)/);
    assert.equal(notices.length, 5, JSON.stringify(notices, null, 1));
    const real = report.findings.filter((f: { kind: string }) => f.kind === "finding");
    assert.deepEqual(real.map((f: { path: string; ruleId: string }) => `${f.path} ${f.ruleId}`), ["proj/src/real.js js/tls-verification-disabled"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an invalid config file is an error that names the key: exit 2, nothing scanned", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-config-"));
  try {
    writeFileSync(path.join(dir, "a.js"), "require('https').request({ rejectUnauthorized: false });\n");
    const write = (o: unknown) => writeFileSync(path.join(dir, "vigil.config.json"), typeof o === "string" ? o : JSON.stringify(o));
    write({ rulez: {} });
    let r = await runCli(["scan", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown key "rulez"/);
    assert.equal(r.stdout, "");
    write({ rules: { "js/tls-verification-disabled": "loud" } });
    r = await runCli(["scan", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"rules\.js\/tls-verification-disabled" must be one of off, on, critical/);
    write({ rules: { "js/no-such-rule": "off" } });
    r = await runCli(["scan", dir]);
    assert.match(r.stderr, /unknown rule "js\/no-such-rule"/);
    write("{ not json");
    r = await runCli(["scan", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid JSON/);

    write({ rules: { "js/tls-verification-disabled": "off" } });
    r = await runCli(["scan", dir]);
    assert.equal(r.code, 0, "a rule turned off reports nothing");
    write({ rules: { "js/tls-verification-disabled": "critical" } });
    r = await runCli(["scan", dir, "--fail-on", "critical"]);
    assert.equal(r.code, 1, "a severity override counts for the gate");
    assert.match(r.stdout, /critical\s+js\/tls-verification-disabled/);
    write({ exclude: ["a.js"] });
    r = await runCli(["scan", dir, "--format", "json"]);
    assert.equal(r.code, 0, "excluded files are not scanned");
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
    assert.equal(JSON.parse(r.stdout).summary.filesScanned, 1, "only vigil.config.json itself is read (for secrets)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every .gitignore on the way down is honoured", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-gitignore-"));
  try {
    const bad = "require('https').request({ rejectUnauthorized: false });\n";
    mkdirSync(path.join(dir, "pkg", "gen"), { recursive: true });
    writeFileSync(path.join(dir, ".gitignore"), "build/\n");
    writeFileSync(path.join(dir, "pkg", ".gitignore"), "gen/\n*.tmp.js\n");
    mkdirSync(path.join(dir, "build"));
    writeFileSync(path.join(dir, "build", "out.js"), bad);
    writeFileSync(path.join(dir, "pkg", "gen", "x.js"), bad);
    writeFileSync(path.join(dir, "pkg", "scratch.tmp.js"), bad);
    writeFileSync(path.join(dir, "pkg", "kept.js"), bad);
    const r = await runCli(["scan", ".", "--format", "json"], { cwd: dir });
    const paths = JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, ["pkg/kept.js"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

