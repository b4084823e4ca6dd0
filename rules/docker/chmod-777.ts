import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/chmod-777",
  engine: "plain",
  title: "World-writable permissions",
  description: "A RUN step makes files writable by every user with chmod 777.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-732"],
  owasp: ["A05"],
  languages: ["dockerfile"],
});
