import type { SourcePosition } from '../model/index.js';
import { compareText } from './ordering.js';
import type { InputUse } from './types.js';

/** Any evidence item that knows where it was read: what input use is counted over. */
export interface Sourced {
  readonly source: SourcePosition;
}

/**
 * Per input path (keys sorted). Audit inputs come counted (audit-accumulator.ts): every record
 * is exactly one of a duplicate (its Id was kept from another copy), in scope, or out of scope,
 * so inScope counts kept copies only and adds up to recordsInScope over all inputs; used counts
 * kept in-scope records that the analysis cites. Other inputs: used counts the items that
 * contributed, inScope equals used (report.ts: "other kinds count records used") and
 * duplicates is 0. Items are counted by identity, not by line: a JSON array written on one
 * line holds many records.
 */
export function inputUse(
  audit: ReadonlyMap<string, InputUse>,
  others: { items: readonly Sourced[]; used: ReadonlySet<Sourced> },
): Record<string, InputUse> {
  const use = new Map<string, InputUse>();
  for (const [input, counts] of audit) use.set(input, { ...counts });
  for (const item of others.items) {
    let counts = use.get(item.source.input);
    if (counts === undefined) {
      counts = { inScope: 0, duplicates: 0, used: 0 };
      use.set(item.source.input, counts);
    }
    if (others.used.has(item)) {
      counts.inScope += 1;
      counts.used += 1;
    }
  }
  return Object.fromEntries([...use.entries()].sort(([a], [b]) => compareText(a, b)));
}
