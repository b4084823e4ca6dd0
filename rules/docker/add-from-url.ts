import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/add-from-url",
  engine: "plain",
  title: "ADD downloads a remote file",
  description: "ADD fetches a URL at build time without a checksum.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-494"],
  owasp: ["A08"],
  languages: ["dockerfile"],
});
