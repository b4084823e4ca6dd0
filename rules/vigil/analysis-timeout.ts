import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "vigil/analysis-timeout",
  engine: "plain",
  kind: "tool",
  title: "Analysis time budget exceeded",
  description: "An analysis of this file ran past the per-file time budget and was stopped; its checks are incomplete here.",
  severity: "info",
  confidence: "high",
  cwe: [],
  owasp: [],
  languages: "*",
});
