import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { analyzeFile } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { applyFixes } from "../../server/src/engine/fixes";

const scan = (text: string, path = "deploy.yaml") => analyzeFile({ path, text }, { settings: DEFAULT_SETTINGS });

const POD = (name: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: ${name}
      image: registry.example.com/${name}:1.0.0${extra}
`;

describe("Kubernetes", () => {
  test("each document of a multi-document file is checked, findings at the exact key", () => {
    const text = `${POD("a")}---\n${POD("b", "\n      securityContext:\n        privileged: true")}`;
    const [f] = scan(text).filter((x) => x.ruleId === "k8s/privileged-container");
    const line = text.split("\n").findIndex((l) => l.includes("privileged: true"));
    assert.deepEqual(f!.range.start, { line, character: 8 });
  });
  test("a suggestion adds a securityContext where there is none, and the result is valid YAML", () => {
    const text = POD("a");
    const f = scan(text).find((x) => x.ruleId === "k8s/privilege-escalation")!;
    const fix = f.fixes[0]!;
    assert.equal(fix.isPreferred, false);
    const fixed = applyFixes(text, [{ ...f, fixes: [{ ...fix, isPreferred: true }] }]);
    assert.equal(parse(fixed).spec.containers[0].securityContext.allowPrivilegeEscalation, false);
    assert.ok(!scan(fixed).some((x) => x.ruleId === "k8s/privilege-escalation"));
  });
  test("pod-level runAsNonRoot covers its containers; a container can override it", () => {
    const covered = POD("a").replace("spec:\n", "spec:\n  securityContext:\n    runAsNonRoot: true\n");
    assert.ok(!scan(covered).some((x) => x.ruleId === "k8s/run-as-root"));
    const overridden = POD("a", "\n      securityContext:\n        runAsNonRoot: false").replace("spec:\n", "spec:\n  securityContext:\n    runAsNonRoot: true\n");
    assert.ok(scan(overridden).some((x) => x.ruleId === "k8s/run-as-root"));
  });
  test("YAML that is not a workload is left alone", () => {
    assert.deepEqual(scan("apiVersion: v1\nkind: ConfigMap\ndata:\n  password: pR7#vK2q!mXz9LwT\n").filter((f) => f.ruleId.startsWith("k8s/")), []);
  });
  test("a manifest that does not parse gets one diagnostic", () => {
    const found = scan("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: [unclosed\n");
    assert.deepEqual(found.map((f) => f.ruleId), ["vigil/parse-error"]);
  });
});

describe("GitHub Actions", () => {
  const workflow = `on: issue_comment
permissions:
  contents: read
jobs:
  echo:
    runs-on: ubuntu-latest
    steps:
      - name: Reply
        env:
          GREETING: hello
        run: |
          echo "$GREETING \${{ github.event.comment.body }}"
`;
  test("the fix moves the expression into the step's env and the script reads the quoted variable", () => {
    const found = scan(workflow, "/repo/.github/workflows/reply.yml");
    const f = found.find((x) => x.ruleId === "gha/script-injection")!;
    const fixed = applyFixes(workflow, [f]);
    const step = parse(fixed).jobs.echo.steps[0];
    assert.deepEqual(step.env, { COMMENT_BODY: "${{ github.event.comment.body }}", GREETING: "hello" });
    assert.equal(step.run, 'echo "$GREETING $COMMENT_BODY"\n');
    assert.ok(!scan(fixed, "/repo/.github/workflows/reply.yml").some((x) => x.ruleId === "gha/script-injection"));
  });
  test("files under .github/workflows are workflows even without an on: key at the top", () => {
    const text = "name: x\n'on': push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@v1\n";
    assert.ok(scan(text, "/repo/.github/workflows/x.yaml").some((f) => f.ruleId === "gha/unpinned-action"));
  });
});

describe("Compose", () => {
  test("a quoted list-form secret is reported once, at its value", () => {
    const text = 'services:\n  api:\n    image: example/api:1.0\n    environment:\n      - "JWT_SECRET=7f2c9a41e0b34d6f8e1a"\n';
    const found = scan(text, "compose.yaml").filter((f) => f.cwe.includes("CWE-798"));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.ruleId, "compose/secret-in-environment");
    assert.equal(found[0]!.range.start.character, text.split("\n")[4]!.indexOf("7f2c"));
  });
});
