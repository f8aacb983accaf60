import { InputError } from '../model/index.js';

/**
 * The report's one clock. `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention)
 * fixes it, so the same evidence renders to the same bytes.
 */
export function generatedAt(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return isoSeconds(now());
  if (!/^\d+$/.test(epoch)) {
    throw new InputError([
      {
        file: 'SOURCE_DATE_EPOCH',
        line: null,
        column: null,
        key: null,
        message: `"${epoch}" is not a number of seconds since 1970-01-01T00:00:00Z`,
      },
    ]);
  }
  return isoSeconds(new Date(Number(epoch) * 1000));
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
