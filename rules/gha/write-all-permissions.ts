import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/write-all-permissions",
  engine: "plain",
  title: "Workflow token with write-all permissions",
  description: "A workflow or job grants its GITHUB_TOKEN write-all permissions.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A01"],
  languages: ["yaml"],
});
