import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "threatmodel/unknown-threat-reference",
  engine: "plain",
  title: "Reference to an unknown threat or asset",
  description: "A code annotation or a threat-model entry names a threat or asset that no model in scope defines.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-1059"],
  owasp: ["A04"],
  languages: "*",
});
