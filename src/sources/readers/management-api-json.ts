import { isBareAuditData } from '../audit-data-text.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/**
 * Office 365 Management Activity API content blobs: a JSON array of bare AuditData objects
 * (`<` and `>` escaped as `\u003c`, `\u003e`, which JSON parsing undoes).
 */
export const managementApiJson: Reader = {
  format: 'management-api-json',
  kind: 'audit',
  detect: (head) => jsonHeadHas(head, ['document'], isBareAuditData),
  read: (input) => readJsonRecords(input, (record) => record.raw),
};
