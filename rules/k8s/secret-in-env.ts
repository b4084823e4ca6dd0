import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/secret-in-env",
  engine: "plain",
  title: "Secret as a literal env value",
  description: "A container env var named like a secret has a literal value instead of a secretKeyRef.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: ["yaml"],
});
