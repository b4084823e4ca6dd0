import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "threatmodel/invalid-model",
  engine: "plain",
  title: "Invalid threat model",
  description: "A threat-model file is not valid YAML, breaks the schema, repeats an id, or marks a threat mitigated without saying how.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-1059"],
  owasp: ["A04"],
  languages: "*",
});
