/** CVSS v3.0/v3.1 base scores from vectors, as FIRST's specification computes them. */

const WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};
const PRIVILEGES: Record<string, [unchanged: number, changed: number]> = { N: [0.85, 0.85], L: [0.62, 0.68], H: [0.27, 0.5] };

/** The specification's round-up to one decimal, done in integers to dodge float error. */
function roundUp(x: number): number {
  const n = Math.round(x * 100_000);
  return n % 10_000 === 0 ? n / 100_000 : (Math.floor(n / 10_000) + 1) / 10;
}

/** Base score of a `CVSS:3.x/...` vector, or undefined when the vector is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const m = new Map(vector.split("/").slice(1).map((part) => part.split(":") as [string, string]));
  const scope = m.get("S");
  const pr = PRIVILEGES[m.get("PR") ?? ""];
  const w = (k: string) => WEIGHTS[k]![m.get(k) ?? ""];
  const [av, ac, ui, c, i, a] = ["AV", "AC", "UI", "C", "I", "A"].map(w);
  if (!pr || (scope !== "U" && scope !== "C") || [av, ac, ui, c, i, a].some((v) => v === undefined)) return undefined;
  const changed = scope === "C";
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * av! * ac! * pr[changed ? 1 : 0] * ui!;
  if (impact <= 0) return 0;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** The qualitative rating CVSS assigns to a score. */
export function ratingOf(score: number): "critical" | "high" | "medium" | "low" | "info" {
  return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : score > 0 ? "low" : "info";
}
