import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "docker/add-instead-of-copy",
  engine: "plain",
  title: "ADD used for local files",
  description: "ADD copies local files where COPY would, and would also unpack archives and fetch URLs.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-710"],
  owasp: ["A05"],
  languages: ["dockerfile"],
  fixable: true,
});
