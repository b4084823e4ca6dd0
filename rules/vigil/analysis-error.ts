import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "vigil/analysis-error",
  engine: "plain",
  kind: "tool",
  title: "Analysis error",
  description: "An analyzer failed on this file; other rules still ran.",
  severity: "info",
  confidence: "high",
  cwe: [],
  owasp: [],
  languages: "*",
});
