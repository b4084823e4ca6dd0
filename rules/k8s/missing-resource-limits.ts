import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/missing-resource-limits",
  engine: "plain",
  title: "No resource limits",
  description: "A container sets no resources.limits, so it can starve its node.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-770"],
  owasp: ["A05"],
  languages: ["yaml"],
});
