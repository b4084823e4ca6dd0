import { defineRule } from "../../server/src/engine/rule";

export default defineRule({
  id: "k8s/host-namespace",
  engine: "plain",
  title: "Host namespace shared",
  description: "A pod sets hostNetwork, hostPID or hostIPC, sharing the node's namespaces.",
  severity: "high",
  confidence: "high",
  cwe: ["CWE-653"],
  owasp: ["A05"],
  languages: ["yaml"],
  fixable: true,
});
