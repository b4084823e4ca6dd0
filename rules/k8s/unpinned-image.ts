import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/unpinned-image",
  engine: "plain",
  title: "Unpinned container image",
  description: "A container image has no tag or uses :latest.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-1357"],
  owasp: ["A06",  "A08"],
  languages: ["yaml"],
});
