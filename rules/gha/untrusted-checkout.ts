import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/untrusted-checkout",
  engine: "plain",
  title: "Pull request code checked out in a privileged workflow",
  description: "A pull_request_target or workflow_run workflow checks out the pull request's code, which then runs with secrets and a write token.",
  severity: "critical",
  confidence: "medium",
  cwe: ["CWE-829"],
  owasp: ["A08"],
  languages: ["yaml"],
});
