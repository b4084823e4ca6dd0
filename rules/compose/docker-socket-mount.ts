import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "compose/docker-socket-mount",
  engine: "plain",
  title: "Docker socket mounted",
  description: "A Compose service mounts the Docker socket, which gives it control of the host.",
  severity: "critical",
  confidence: "high",
  cwe: ["CWE-668"],
  owasp: ["A05"],
  languages: ["yaml"],
});
