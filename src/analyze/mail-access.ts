import type { AuditRecord } from '../model/index.js';

/** Operation names are compared case-insensitively: exports differ in nothing else here. */
export function isMailItemsAccessed(record: AuditRecord): boolean {
  return record.operation.toLowerCase() === 'mailitemsaccessed';
}
