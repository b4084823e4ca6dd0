type Truthy<T> = Exclude<T, false | null | undefined | 0 | "">;

export const STEP_TIMEOUT_MS = Number(process.env.VIGIL_E2E_STEP_TIMEOUT_MS ?? 60_000);

/**
 * Polls `check` until it returns a truthy value; a throw counts as "not yet". The end-to-end tests
 * wait only this way, on a condition with a deadline, never for a fixed time.
 */
export async function until<T>(what: string, check: () => Promise<T> | T, timeoutMs = STEP_TIMEOUT_MS): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}
