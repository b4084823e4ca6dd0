import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/pipe-to-shell",
  engine: "plain",
  title: "Downloaded script piped to a shell",
  description: "A RUN step pipes curl or wget output straight into a shell or interpreter.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-494"],
  owasp: ["A08"],
  languages: ["dockerfile"],
});
