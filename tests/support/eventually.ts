/**
 * Resolves with `probe()`'s value once `done` holds, polling (the database, a catcher) every
 * 100 ms; rejects after `timeoutMs` — a bound for a broken run, not a wait for time. For work a
 * background worker does: the test waits for its outcome, as a user would.
 */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
