import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/dangerous-capabilities",
  engine: "plain",
  title: "Dangerous Linux capabilities added",
  description: "A container adds SYS_ADMIN, NET_ADMIN, ALL or another capability that breaks isolation.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["yaml"],
});
