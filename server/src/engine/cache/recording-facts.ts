import type { ImportSite, ProjectFacts } from "../analyzer";
import { digest } from "./digest";

/**
 * What one file's analysis read besides the file itself: other files (with the digest of the text
 * it saw, null when absent) and the folders whose whole source it queried (`importsOf`).
 */
export interface AnalysisInputs {
  reads: [path: string, digest: string | null][];
  roots: string[];
}

/** Digests of texts already seen in this scan, so a file read by many analyses is hashed once. */
export class TextDigests {
  private readonly seen = new Map<string, { text: string; digest: string }>();

  of(file: string, text: string): string {
    const hit = this.seen.get(file);
    if (hit?.text === text) return hit.digest;
    const d = digest(text);
    this.seen.set(file, { text, digest: d });
    return d;
  }
}

/**
 * Project facts for one analysis that remember what it read, so a cached result can be re-checked
 * against those inputs. A query over a whole folder is recorded as a dependency on that folder.
 */
export function recordingFacts(inner: ProjectFacts, digests: TextDigests): { facts: ProjectFacts; inputs(): AnalysisInputs } {
  const reads = new Map<string, string | null>();
  const roots = new Set<string>();
  const facts: ProjectFacts = {
    readFile(file) {
      const text = inner.readFile(file);
      reads.set(file, text === undefined ? null : digests.of(file, text));
      return text;
    },
    importsOf(root: string, packageName: string): ImportSite[] {
      roots.add(root);
      return inner.importsOf(root, packageName);
    },
  };
  return { facts, inputs: () => ({ reads: [...reads], roots: [...roots] }) };
}
