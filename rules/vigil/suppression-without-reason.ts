import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "vigil/suppression-without-reason",
  engine: "plain",
  kind: "tool",
  title: "Suppression without a reason",
  description: 'A vigil-ignore comment gives no reason after "--".',
  severity: "low",
  confidence: "high",
  cwe: [],
  owasp: [],
  languages: "*",
});
