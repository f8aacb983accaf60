import { isWrappedAuditData, wrappedAuditData } from '../audit-data-text.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** Microsoft-Extractor-Suite `Get-UAL` JSONL: one object per line, `AuditData` as a string. */
export const extractorSuiteJsonl: Reader = {
  format: 'extractor-suite-jsonl',
  kind: 'audit',
  detect: (head) => jsonHeadHas(head, ['ndjson'], isWrappedAuditData),
  read: (input) => readJsonRecords(input, wrappedAuditData),
  fromLine: wrappedAuditData,
};
