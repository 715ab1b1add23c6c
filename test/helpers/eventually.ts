/**
 * Retries `fn` until it stops throwing (returning its value) or `timeoutMs` passes, then throws
 * the last error. For end-to-end tests that wait on real processes; never for timing assertions.
 */
export async function eventually<T>(fn: () => T | Promise<T>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
