import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/privileged-container",
  engine: "plain",
  title: "Privileged container",
  description: "A container runs with securityContext.privileged: true, with full access to the host.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["yaml"],
  fixable: true,
});
