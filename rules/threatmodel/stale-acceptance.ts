import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "threatmodel/stale-acceptance",
  engine: "plain",
  title: "Stale risk acceptance",
  description: "A risk acceptance in a threat model matches no finding any more: the code changed or the risk was fixed.",
  severity: "low",
  confidence: "high",
  cwe: ["CWE-1059"],
  owasp: ["A04"],
  languages: "*",
});
