/**
 * Long synchronous work (a scan reads and analyses files without awaiting I/O) must still let the
 * event loop turn, or a language server answers no cancel request and sends no progress until the
 * scan ends. The returned function resolves on the loop's next turn once `everyMs` have passed
 * since the last one, and costs a clock read otherwise.
 */
export function eventLoopTurns(everyMs = 20): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < everyMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}
