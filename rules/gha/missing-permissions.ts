import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/missing-permissions",
  engine: "plain",
  title: "No top-level permissions",
  description: "A workflow has no top-level permissions block, so its token gets the repository's default, often write, permissions.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-250"],
  owasp: ["A01"],
  languages: ["yaml"],
});
