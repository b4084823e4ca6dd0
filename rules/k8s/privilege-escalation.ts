import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/privilege-escalation",
  engine: "plain",
  title: "Privilege escalation allowed",
  description: "A container's allowPrivilegeEscalation is true or unset, so its processes can gain more privileges than their parent.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-269"],
  owasp: ["A05"],
  languages: ["yaml"],
  fixable: true,
});
