/** Thrown by an analysis that ran past the file's time budget; analyzeFile turns it into a notice. */
export class AnalysisTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`analysis took longer than its ${budgetMs} ms budget`);
  }
}

/** A per-file time budget. Long-running analyses call `check()` now and then (it is cheap). */
export class Deadline {
  private readonly at: number;
  constructor(readonly budgetMs: number) {
    this.at = budgetMs > 0 ? performance.now() + budgetMs : Infinity;
  }
  check(): void {
    if (performance.now() > this.at) throw new AnalysisTimeout(this.budgetMs);
  }
  /** No budget: for analyses of snippets and tests that must run to the end. */
  static readonly none = new Deadline(0);
}
