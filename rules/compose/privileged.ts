import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "compose/privileged",
  engine: "plain",
  title: "Privileged service",
  description: "A Compose service runs with privileged: true, with full access to the host.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["yaml"],
  fixable: true,
});
