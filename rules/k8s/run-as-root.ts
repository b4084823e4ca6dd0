import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/run-as-root",
  engine: "plain",
  title: "Container may run as root",
  description: "Neither the pod nor the container sets runAsNonRoot: true, or runAsUser is 0.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["yaml"],
});
