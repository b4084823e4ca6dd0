import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/secret-in-log",
  engine: "plain",
  title: "Secret printed to the log",
  description: "A run script echoes a secret, which ends up in the workflow log.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-532"],
  owasp: ["A09"],
  languages: ["yaml"],
});
