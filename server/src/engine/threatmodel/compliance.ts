import type { Finding } from "../finding";
import { atLeast } from "../finding";
import type { Owasp } from "../taxonomy";

/**
 * The attack classes PCI DSS v4.0 requirement 6.2.4 names, and which findings speak to each: by
 * CWE first, then by OWASP Top 10 2021 category. High and critical findings also count under
 * "high-risk vulnerabilities" (6.2.4 ties it to the ranking of requirement 6.3.1).
 */
export const PCI_624_CLASSES = [
  { id: "injection", title: "Injection attacks", scope: "SQL, LDAP, XPath, command, parameter, object, fault or other injection-type flaws" },
  { id: "data", title: "Attacks on data and data structures", scope: "manipulation of buffers, pointers, input data or shared data" },
  { id: "crypto", title: "Attacks on cryptography usage", scope: "weak, insecure or inappropriate cryptographic implementations, algorithms, cipher suites or modes" },
  { id: "business-logic", title: "Attacks on business logic", scope: "abuse of APIs, protocols, client-side functionality; includes XSS and CSRF" },
  { id: "access-control", title: "Attacks on access control mechanisms", scope: "bypass or abuse of identification, authentication or authorisation" },
  { id: "high-risk", title: "Attacks via high-risk vulnerabilities", scope: "vulnerabilities ranked high or critical (requirement 6.3.1)" },
] as const;
export type PciClass = (typeof PCI_624_CLASSES)[number]["id"];

const BY_CWE: Record<string, PciClass> = {};
const add = (cls: PciClass, cwes: number[]) => cwes.forEach((n) => (BY_CWE[`CWE-${n}`] = cls));
add("injection", [74, 77, 78, 88, 89, 90, 91, 94, 95, 643, 652, 917, 943, 1336, 611, 918]);
add("data", [20, 22, 23, 119, 120, 125, 129, 400, 409, 502, 770, 787, 915, 1321, 1333, 185, 73]);
add("crypto", [261, 295, 310, 311, 312, 319, 321, 326, 327, 328, 330, 331, 335, 338, 759, 760, 916, 614]);
add("business-logic", [79, 80, 201, 346, 352, 601, 942, 1021, 1385, 749]);
add("access-control", [250, 259, 269, 284, 285, 287, 290, 306, 345, 347, 384, 521, 613, 639, 798, 862, 863, 1004, 1390]);

const BY_OWASP: Partial<Record<Owasp, PciClass>> = {
  A01: "access-control",
  A02: "crypto",
  A03: "injection",
  A04: "business-logic",
  A07: "access-control",
  A08: "data",
  A10: "injection",
};

/** Every 6.2.4 class a finding speaks to (one by its weakness, plus "high-risk" when high or critical). */
export function pciClassesOf(f: Pick<Finding, "cwe" | "owasp" | "severity">): PciClass[] {
  // Findings about the threat model's upkeep (CWE-1059) are not software attacks.
  if (f.cwe.length > 0 && f.cwe.every((c) => c === "CWE-1059")) return [];
  const byCwe = f.cwe.map((c) => BY_CWE[c]).find((c) => c !== undefined);
  const primary = byCwe ?? f.owasp.map((o) => BY_OWASP[o as Owasp]).find((c) => c !== undefined);
  const out: PciClass[] = primary ? [primary] : [];
  if (atLeast(f.severity, "high")) out.push("high-risk");
  return out;
}
