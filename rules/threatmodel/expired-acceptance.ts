import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "threatmodel/expired-acceptance",
  engine: "plain",
  title: "Expired risk acceptance",
  description: "A risk acceptance in a threat model is past its expiry date, so the finding it covered is reported again.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-1059"],
  owasp: ["A04"],
  languages: "*",
});
