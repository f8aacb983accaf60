import { InputError } from '../model/index.js';

/**
 * The report's one clock. `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention)
 * fixes it, so the same evidence renders to the same bytes.
 */
export function generatedAt(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return isoSeconds(now());
  if (!/^\d+$/.test(epoch)) {
    throw invalid(`"${epoch}" is not a number of seconds since 1970-01-01T00:00:00Z`);
  }
  // Beyond year 9999 a time has no ISO 8601 form that report.json's readers accept.
  if (Number(epoch) > LATEST_EPOCH) {
    throw invalid(
      `${epoch} is after 9999-12-31T23:59:59Z; give at most ${LATEST_EPOCH} seconds since 1970-01-01T00:00:00Z`,
    );
  }
  return isoSeconds(new Date(Number(epoch) * 1000));
}

const LATEST_EPOCH = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

function invalid(message: string): InputError {
  return new InputError([
    { file: 'SOURCE_DATE_EPOCH', line: null, column: null, key: null, message },
  ]);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
