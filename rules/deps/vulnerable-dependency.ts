import { defineRule } from "../../server/src/engine/rule";

/** One finding per installed package and advisory; severity comes from the advisory itself. */
export default defineRule({
  id: "deps/vulnerable-dependency",
  engine: "plain",
  title: "Dependency with a known vulnerability",
  description: "A dependency, direct or pulled in by another, is installed at a version a published security advisory affects.",
  severity: "high",
  confidence: "medium",
  cwe: ["CWE-1395"],
  owasp: ["A06"],
  languages: "*",
  fixable: true,
});
