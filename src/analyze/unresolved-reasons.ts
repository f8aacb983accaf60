import type { UnresolvedReason } from '../model/index.js';

/** The first and last receipt times a message trace holds (ISO UTC), null when undated. */
export interface TraceCoverage {
  from: string | null;
  to: string | null;
}

/**
 * The reasons in English, as report.json's `unresolvedReason` has always said them; the
 * renderers word `unresolvedReasons` in the reader's language instead.
 */
export function describeUnresolved(reasons: readonly UnresolvedReason[]): string {
  return reasons
    .map((reason) => {
      switch (reason.code) {
        case 'lookup-not-found':
          return reason.detail;
        case 'no-message-trace':
          return 'no message trace was provided';
        case 'not-in-message-trace':
          return reason.traceFrom === null || reason.traceTo === null
            ? 'not found in message trace'
            : `not found in message trace (trace covers ${reason.traceFrom.slice(0, 10)}…${reason.traceTo.slice(0, 10)})`;
        case 'source-names-nobody':
          return `${reason.source} names no sender or recipient`;
      }
    })
    .join('; ');
}
