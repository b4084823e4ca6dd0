import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/sudo",
  engine: "plain",
  title: "sudo in a Dockerfile",
  description: "A RUN step uses sudo, which leaves a privilege-escalation path in the image.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A05"],
  languages: ["dockerfile"],
});
