import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/unpinned-base-image",
  engine: "plain",
  title: "Unpinned base image",
  description: "A FROM line names a base image without a tag or with :latest.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-1357"],
  owasp: ["A06",  "A08"],
  languages: ["dockerfile"],
});
