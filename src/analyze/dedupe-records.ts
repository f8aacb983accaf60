import type { AuditRecord, Problem, SourcePosition } from '../model/index.js';
import { compareText, sortedUniquePositions } from './ordering.js';

export interface DistinctRecords {
  /** One record per Id: the copy read first (input order, then line). */
  records: AuditRecord[];
  /** Every place each Id was read, sorted by input then line. */
  positions: Map<string, SourcePosition[]>;
  /** One `conflicting-duplicate` for each copy whose content differs from the kept one. */
  problems: Problem[];
}

/**
 * Rule 1: the same record Id in several inputs (overlapping exports) counts once. The copy kept
 * is the first in input order (the order the case lists its evidence, i.e. the order in which
 * inputs first appear in `audit`), then by line, so the order of records within an input does
 * not matter; copies on one line (a JSON array written on one line) are ordered by content.
 */
export function dedupeRecords(audit: readonly AuditRecord[]): DistinctRecords {
  const rank = new Map<string, number>();
  for (const record of audit) {
    if (!rank.has(record.source.input)) rank.set(record.source.input, rank.size);
  }
  const rankOf = (record: AuditRecord) => rank.get(record.source.input) ?? 0;
  const ordered = [...audit].sort(
    (a, b) =>
      rankOf(a) - rankOf(b) ||
      a.source.line - b.source.line ||
      compareText(contentOf(a), contentOf(b)),
  );
  const kept = new Map<string, AuditRecord>();
  const read = new Map<string, SourcePosition[]>();
  const problems: Problem[] = [];
  for (const record of ordered) {
    read.set(record.id, [...(read.get(record.id) ?? []), record.source]);
    const first = kept.get(record.id);
    if (first === undefined) {
      kept.set(record.id, record);
      continue;
    }
    const fields = differingFields(first, record);
    if (fields.length === 0) continue;
    problems.push({
      code: 'conflicting-duplicate',
      input: record.source.input,
      line: record.source.line,
      message:
        `record ${record.id} differs in ${fields.join(', ')} from the copy read at ` +
        `${first.source.input}:${first.source.line}; that copy is used`,
    });
  }
  const positions = new Map<string, SourcePosition[]>();
  for (const [id, places] of read) positions.set(id, sortedUniquePositions(places));
  return { records: [...kept.values()], positions, problems };
}

function differingFields(a: AuditRecord, b: AuditRecord): string[] {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  keys.delete('source');
  return [...keys]
    .filter((key) => canonicalJson(left[key]) !== canonicalJson(right[key]))
    .sort(compareText);
}

function contentOf(record: AuditRecord): string {
  return canonicalJson({ ...record, source: undefined });
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
