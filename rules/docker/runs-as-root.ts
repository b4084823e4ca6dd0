import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/runs-as-root",
  engine: "plain",
  title: "Container runs as root",
  description: "The final stage of a Dockerfile has no USER instruction, or switches back to root.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["dockerfile"],
  fixable: true,
});
