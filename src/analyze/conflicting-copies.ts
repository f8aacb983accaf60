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
 * A 64-bit fingerprint of a record's content (every field but where it was read): FNV-1a in two
 * 32-bit lanes over the fields in the order the normaliser writes them, so equal content gives
 * equal fingerprints whichever export the copy came from. Computed for every record read, so
 * it walks the record instead of serialising it, which would cost more than parsing it.
 */
export function contentFingerprint(record: AuditRecord): [number, number] {
  const lanes = new Fingerprint();
  for (const key in record) {
    if (key === 'source') continue;
    lanes.text(key);
    lanes.value((record as unknown as Record<string, unknown>)[key]);
  }
  return [lanes.high >>> 0, lanes.low >>> 0];
}

class Fingerprint {
  high = 0x811c9dc5;
  low = 0x01000193;

  value(value: unknown): void {
    if (value === null || value === undefined) {
      this.mark(value === null ? 1 : 2);
    } else if (typeof value === 'string') {
      this.mark(3);
      this.text(value);
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      this.mark(4);
      this.text(String(value));
    } else if (Array.isArray(value)) {
      this.mark(5);
      for (const entry of value as unknown[]) this.value(entry);
      this.mark(6);
    } else if (typeof value === 'object') {
      this.mark(7);
      // The own keys in Object.entries' order, without an array of pairs per object.
      const object = value as Record<string, unknown>;
      for (const key in object) {
        if (!Object.hasOwn(object, key)) continue;
        this.text(key);
        this.value(object[key]);
      }
      this.mark(8);
    }
  }

  text(text: string): void {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      high = Math.imul(high ^ code, 0x01000193);
      low = Math.imul(low ^ code, 0x5bd1e995) ^ (low >>> 13);
    }
    this.high = high;
    this.low = low;
    this.mark(0);
  }

  private mark(code: number): void {
    this.high = Math.imul(this.high ^ (0x100 + code), 0x01000193);
    this.low = Math.imul(this.low ^ (0x100 + code), 0x5bd1e995) ^ (this.low >>> 13);
  }
}
