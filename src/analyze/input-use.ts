import type { AuditRecord, SourcePosition } from '../model/index.js';
import type { InputUse } from './index.js';
import { compareText } from './ordering.js';

/** Any evidence item that knows where it was read: what input use is counted over. */
export interface Sourced {
  readonly source: SourcePosition;
}

export interface InputUseFacts {
  audit: readonly AuditRecord[];
  /** The copy of each Id that analysis kept. */
  kept: ReadonlySet<AuditRecord>;
  inScope: ReadonlySet<string>;
  cited: ReadonlySet<string>;
  /** Every trace row, sign-in, lookup and listing given. */
  others: readonly Sourced[];
  /** Those of them that contributed. */
  used: ReadonlySet<Sourced>;
}

/**
 * Per input path (keys sorted). Audit inputs: every record is exactly one of a duplicate (its
 * Id was kept from another copy), in scope, or out of scope, so inScope counts kept copies only
 * and adds up to recordsInScope over all inputs; used counts kept in-scope records that the
 * analysis cites. Other inputs: used counts the items that contributed, inScope equals used
 * (report.ts: "other kinds count records used") and duplicates is 0. Items are counted by
 * identity, not by line: a JSON array written on one line holds many records.
 */
export function inputUse(facts: InputUseFacts): Record<string, InputUse> {
  const use = new Map<string, InputUse>();
  const of = (input: string): InputUse => {
    const found = use.get(input);
    if (found !== undefined) return found;
    const fresh = { inScope: 0, duplicates: 0, used: 0 };
    use.set(input, fresh);
    return fresh;
  };
  for (const record of facts.audit) {
    const counts = of(record.source.input);
    if (!facts.kept.has(record)) counts.duplicates += 1;
    else if (facts.inScope.has(record.id)) {
      counts.inScope += 1;
      if (facts.cited.has(record.id)) counts.used += 1;
    }
  }
  for (const item of facts.others) {
    const counts = of(item.source.input);
    if (facts.used.has(item)) {
      counts.inScope += 1;
      counts.used += 1;
    }
  }
  return Object.fromEntries([...use.entries()].sort(([a], [b]) => compareText(a, b)));
}
