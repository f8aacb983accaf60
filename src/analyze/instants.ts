import { compareText } from './ordering.js';

const MS_PER_HOUR = 3_600_000;

/**
 * Milliseconds since the epoch, NaN when the text is no instant. Times are compared this way
 * because the same instant is written with different precision (`…:00Z`, `…:00.0000000Z`),
 * so comparing the strings would be wrong.
 */
export function instant(iso: string): number {
  return Date.parse(iso);
}

/**
 * One written form per instant: ISO 8601 UTC with `Z`, the fraction only when it is not zero.
 * Text that is no instant is returned unchanged rather than thrown on: readers reject such
 * records, and analysis must never crash on one that slipped through.
 */
export function normalizeInstant(iso: string): string {
  const ms = instant(iso);
  return Number.isNaN(ms) ? iso : formatInstant(ms);
}

export function addHours(iso: string, hours: number): string {
  const ms = instant(iso);
  return Number.isNaN(ms) ? iso : formatInstant(ms + hours * MS_PER_HOUR);
}

/** Chronological; text that is no instant sorts last; ties by text so the order is total. */
export function compareInstants(a: string, b: string): number {
  const x = instant(a);
  const y = instant(b);
  const xInvalid = Number.isNaN(x);
  const yInvalid = Number.isNaN(y);
  if (xInvalid !== yInvalid) return xInvalid ? 1 : -1;
  if (!xInvalid && x !== y) return x - y;
  return compareText(a, b);
}

/** a ≤ b as instants; false when either is no instant. */
export function atOrBefore(a: string, b: string): boolean {
  return instant(a) <= instant(b);
}

export function earliest(times: Iterable<string>): string | null {
  let best: string | null = null;
  for (const time of times) if (best === null || compareInstants(time, best) < 0) best = time;
  return best;
}

export function latest(times: Iterable<string>): string | null {
  let best: string | null = null;
  for (const time of times) if (best === null || compareInstants(time, best) > 0) best = time;
  return best;
}

/** An instant in milliseconds in the one written form of normalizeInstant; '' for NaN. */
export function instantText(ms: number): string {
  return Number.isNaN(ms) ? '' : formatInstant(ms);
}

function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
