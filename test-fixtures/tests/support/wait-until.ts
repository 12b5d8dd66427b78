// Waits on content, never on a fixed sleep: polls a check until it passes or a bound runs out.

export interface WaitOptions {
  /** What is being waited for, for the failure message. */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Resolves with the first value for which `check` returns something other than undefined; rejects
 * after `timeoutMs` with the last value seen (or the last error thrown), so a failure says what
 * the fixture was doing instead.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  { what, timeoutMs = 10_000, intervalMs = 25 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail === undefined ? '' : `; last: ${detail}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
