import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "gha/unpinned-action",
  engine: "plain",
  title: "Third-party action not pinned to a commit",
  description: "A step uses a third-party action by tag or branch instead of a full commit SHA.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-829"],
  owasp: ["A08"],
  languages: ["yaml"],
});
