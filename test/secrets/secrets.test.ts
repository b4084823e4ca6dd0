import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { crc32 } from "node:zlib";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { applyFixes } from "../../server/src/engine/fixes";
import { hasValidChecksum } from "../../server/src/engine/secrets/checksum";
import { isPlaceholder, mask } from "../../server/src/engine/secrets/values";
import { secretsAnalyzer } from "../../server/src/engine/secrets/secrets-analyzer";
import { namesSecret } from "../../server/src/engine/secrets/assignments";
import type { Finding } from "../../server/src/engine/finding";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** A GitHub-format token with a correct checksum, built independently of the code under test. */
function githubToken(prefix: string, random30: string): string {
  let n = crc32(random30);
  let sum = "";
  for (; n > 0; n = Math.floor(n / 62)) sum = BASE62[n % 62] + sum;
  return `${prefix}_${random30}${sum.padStart(6, "0")}`;
}
const TOKEN = githubToken("ghp", "Kq7vR2mXz9LwT4pN8sB3cY6dF1gH5j");

function scan(path: string, text: string): Finding[] {
  return analyzeFile({ path, text }, { settings: DEFAULT_SETTINGS }).filter((f) => f.ruleId.startsWith("secrets/"));
}

describe("GitHub token checksums", () => {
  test("a token whose last six characters are the CRC32 of the rest is accepted", () => {
    assert.ok(hasValidChecksum(TOKEN));
    assert.ok(hasValidChecksum(githubToken("gho", "a".repeat(10) + "B".repeat(10) + "0123456789")));
  });
  test("changing any character breaks it", () => {
    const broken = TOKEN.slice(0, 10) + (TOKEN[10] === "x" ? "y" : "x") + TOKEN.slice(11);
    assert.ok(!hasValidChecksum(broken));
    assert.ok(!hasValidChecksum("ghp_16C7e42F292c6912E7710c838347Ae178B4a"), "GitHub's documentation sample");
  });
  test("only checksummed tokens are reported", () => {
    assert.equal(scan("a.md", `token ${TOKEN}\n`).length, 1);
    assert.equal(scan("a.md", "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n").length, 0);
  });
});

describe("messages never carry the secret", () => {
  const samples: [string, string, string][] = [
    ["config.yaml", `github:\n  token: ${TOKEN}\n`, TOKEN],
    [".env", "DATABASE_PASSWORD=pR7#vK2q!mXz9LwT\n", "pR7#vK2q!mXz9LwT"],
    ["settings.py", 'API_KEY = "3f9d2c81b7e04a6f95c1d8e2a7b4f603"\n', "3f9d2c81b7e04a6f95c1d8e2a7b4f603"],
    ["app.js", `const octokit = new Octokit({ auth: "${TOKEN}" });\n`, TOKEN],
  ];
  for (const [path, text, secret] of samples) {
    test(path, () => {
      const found = scan(path, text);
      assert.equal(found.length, 1);
      const f = found[0]!;
      for (const shown of [f.message, ...f.fixes.map((x) => x.title)]) {
        assert.ok(!shown.includes(secret), shown);
        assert.ok(!shown.includes(secret.slice(0, 8)), `more than a few characters shown: ${shown}`);
      }
    });
  }
  test("mask keeps at most four characters", () => {
    assert.equal(mask("abcdefghijklmnopqrstuvwxyz"), "abcd********");
    assert.equal(mask("short1"), "s********");
  });
});

describe("placeholders and samples are not secrets", () => {
  for (const value of ["changeme", "xxxxxxxxxxxxxxxx", "<your-api-key>", "${API_KEY}", "your_api_key_here", "AKIAIOSFODNN7EXAMPLE", "REDACTED", "sk_live_000000000000000000000000"]) {
    test(value, () => assert.ok(isPlaceholder(value)));
  }
  test("in a .env file", () => {
    const text = ["API_KEY=changeme", "JWT_SECRET=${JWT_SECRET}", "STRIPE_KEY=<your-stripe-key>", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "TOKEN="].join("\n");
    assert.deepEqual(scan(".env", text), []);
  });
  test("key names that describe a secret rather than hold one", () => {
    for (const key of ["passwordHint", "token_url", "secretName", "TOKEN_TYPE", "password_min_length"]) assert.ok(!namesSecret(key), key);
    for (const key of ["DB_PASSWORD", "apiKey", "client_secret", "githubToken", "spring.datasource.password", "private_key"]) assert.ok(namesSecret(key), key);
  });
});

describe("which files and which checks", () => {
  test("binaries, lockfiles and minified files are not read", () => {
    for (const p of ["logo.png", "font.woff2", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "vendor/app.min.js", "app.js.map"]) {
      assert.ok(!secretsAnalyzer.handles(p, undefined), p);
    }
    for (const p of ["README.md", "Dockerfile", ".env", "config/settings.yaml", "notes.txt", "src/app.ts"]) assert.ok(secretsAnalyzer.handles(p, undefined), p);
  });
  test("in JS/TS only provider-shaped tokens: secret-named literals belong to js/hardcoded-credentials", () => {
    const found = scan("app.ts", 'const password = "pR7#vK2q!mXz9LwT";\n');
    assert.deepEqual(found, []);
  });
  test("in prose only provider-shaped tokens: docs show sample assignments", () => {
    assert.deepEqual(scan("README.md", "Set `password: pR7#vK2q!mXz9LwT` in config.yaml\n"), []);
  });
  test("a provider token in JS is reported once, on the string literal", () => {
    const text = `const octokit = new Octokit({ auth: "${TOKEN}" });\n`;
    const all = analyzeFile({ path: "app.js", text }, { settings: DEFAULT_SETTINGS }).filter((f) => f.cwe.includes("CWE-798"));
    assert.equal(all.length, 1);
    assert.equal(all[0]!.ruleId, "secrets/provider-token");
    assert.equal(all[0]!.range.start.character, text.indexOf('"ghp_'));
  });
});

describe("fixes", () => {
  test("JS: a suggestion reads the secret from process.env, named after the key", () => {
    const text = `const client = createClient({ githubToken: "${TOKEN}" });\n`;
    const [f] = scan("client.js", text);
    const fix = f!.fixes[0]!;
    assert.equal(fix.isPreferred, false);
    assert.equal(fix.edits[0]!.newText, "process.env.GITHUB_TOKEN");
    const rewritten = applyFixes(text, [{ ...f!, fixes: [{ ...fix, isPreferred: true }] }]);
    assert.equal(rewritten, "const client = createClient({ githubToken: process.env.GITHUB_TOKEN });\n");
    assert.deepEqual(scan("client.js", rewritten), [], "re-scan finds nothing");
  });
  test("Python: a suggestion uses os.environ", () => {
    const text = 'API_KEY = "3f9d2c81b7e04a6f95c1d8e2a7b4f603"\n';
    const [f] = scan("settings.py", text);
    const rewritten = applyFixes(text, [{ ...f!, fixes: [{ ...f!.fixes[0]!, isPreferred: true }] }]);
    assert.equal(rewritten, 'API_KEY = os.environ["API_KEY"]\n');
    assert.deepEqual(scan("settings.py", rewritten), []);
  });
  test(".env: a suggestion adds the file to the sibling .gitignore", () => {
    const [f] = scan("/repo/service/.env.local", "SESSION_SECRET=c4f1e8b27a9d43e5b0f6a1d8e2c7b3f9\n");
    const fix = f!.fixes.find((x) => x.title.includes(".gitignore"))!;
    assert.equal(fix.isPreferred, false);
    assert.deepEqual(fix.edits, [{ path: "/repo/service/.gitignore", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ".env.local\n" }]);
  });
  test("templates meant to be committed get no .gitignore suggestion", () => {
    const [f] = scan("/repo/.env.example", "SESSION_SECRET=c4f1e8b27a9d43e5b0f6a1d8e2c7b3f9\n");
    assert.ok(f && !f.fixes.some((x) => x.title.includes(".gitignore")));
  });
});
