import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "secrets/provider-token",
  engine: "plain",
  title: "Provider credential committed in a file",
  description: "A token or key in a provider's own format (AWS, GitHub, GitLab, Slack, Stripe, Google, Twilio, SendGrid, npm, JWT) is written into a file.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-798"],
  owasp: ["A07"],
  languages: "*",
});
