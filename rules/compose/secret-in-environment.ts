import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "compose/secret-in-environment",
  engine: "plain",
  title: "Secret in a service environment",
  description: "A Compose service environment variable named like a secret has a literal value.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: ["yaml"],
});
