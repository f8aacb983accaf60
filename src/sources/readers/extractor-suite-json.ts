import { isWrappedAuditData, wrappedAuditData } from '../audit-data-text.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** Microsoft-Extractor-Suite `Get-UAL` JSON: an array of objects with `AuditData` parsed. */
export const extractorSuiteJson: Reader = {
  format: 'extractor-suite-json',
  kind: 'audit',
  detect: (head) => jsonHeadHas(head, ['document'], isWrappedAuditData),
  read: (input) => readJsonRecords(input, wrappedAuditData),
};
