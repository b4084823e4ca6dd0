import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/secret-in-env",
  engine: "plain",
  title: "Secret in ENV or ARG",
  description: "An ENV or ARG instruction carries a password, token or key, which stays readable in the image history.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: ["dockerfile"],
});
