import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "secrets/hardcoded-secret",
  engine: "plain",
  title: "Hard-coded secret in configuration or code",
  description: "A random-looking value is bound to a key named like a password, token or secret in a config, env or source file.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: "*",
});
