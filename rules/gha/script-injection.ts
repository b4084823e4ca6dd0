import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/script-injection",
  engine: "plain",
  title: "Untrusted input interpolated into a run script",
  description: "A workflow run script interpolates an attacker-controlled expression such as an issue title or branch name.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-78"],
  owasp: ["A03"],
  languages: ["yaml"],
  fixable: true,
});
