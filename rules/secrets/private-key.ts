import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "secrets/private-key",
  engine: "plain",
  title: "Private key committed in a file",
  description: "A PEM, OpenSSH or PGP private key block is written into a file.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: "*",
});
