/**
 * Runs `count` workers over a shared piece of work. When one fails, the others are told to
 * stop (through the signal they get) and are waited for, so nothing keeps writing evidence
 * after the step has ended; then the first failure is thrown.
 */
export async function runWorkers(
  count: number,
  signal: AbortSignal | undefined,
  worker: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.max(1, count) }, async () => {
      try {
        await worker(combined);
      } catch (error) {
        failures.push(error);
        stop.abort(error);
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}
