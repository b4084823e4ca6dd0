import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/host-path-mount",
  engine: "plain",
  title: "Host path mounted",
  description: "A pod mounts a hostPath volume; the Docker or containerd socket above all gives control of the node.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-668"],
  owasp: ["A05"],
  languages: ["yaml"],
});
