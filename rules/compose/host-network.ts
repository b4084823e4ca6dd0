import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "compose/host-network",
  engine: "plain",
  title: "Host network mode",
  description: "A Compose service uses network_mode: host, sharing the host's network stack.",
  severity: "medium",
  confidence: "high",
  cwe: ["CWE-653"],
  owasp: ["A05"],
  languages: ["yaml"],
});
