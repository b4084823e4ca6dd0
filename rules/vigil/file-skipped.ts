import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "vigil/file-skipped",
  engine: "plain",
  kind: "tool",
  title: "File skipped",
  description: "The file was not analysed: too large, minified, binary, unreadable, or a symlink loop.",
  severity: "info",
  confidence: "high",
  cwe: [],
  owasp: [],
  languages: "*",
});
