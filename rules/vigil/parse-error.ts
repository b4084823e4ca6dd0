import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "vigil/parse-error",
  engine: "plain",
  kind: "tool",
  title: "File does not parse",
  description: "The file has a syntax error, so Vigil could not analyse it.",
  severity: "info",
  confidence: "high",
  cwe: [],
  owasp: [],
  languages: "*",
});
