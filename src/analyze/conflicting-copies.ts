import { hash } from 'node:crypto';
import type { AuditRecord, Problem } from '../model/index.js';
import { compareText } from './ordering.js';

/**
 * Rule 1's note on overlapping exports: a copy of a record whose content differs from the copy
 * kept is reported, naming the fields that differ and where the kept copy was read.
 */
export function conflictingCopy(kept: AuditRecord, copy: AuditRecord): Problem | null {
  const fields = differingFields(kept, copy);
  if (fields.length === 0) return null;
  return {
    code: 'conflicting-duplicate',
    input: copy.source.input,
    line: copy.source.line,
    message:
      `record ${copy.id} differs in ${fields.join(', ')} from the copy read at ` +
      `${kept.source.input}:${kept.source.line}; that copy is used`,
  };
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

/**
 * A 64-bit fingerprint of a record's content (every field but where it was read), as two
 * 32-bit halves of its SHA-256: equal content gives equal fingerprints whichever export the
 * copy came from, since the normaliser writes every record's fields in one order.
 */
export function contentFingerprint(record: AuditRecord): [number, number] {
  const content = { ...record, source: undefined };
  const digest = hash('sha256', JSON.stringify(content), 'buffer');
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}
