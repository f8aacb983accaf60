import { isWrappedAuditData, wrappedAuditData } from '../audit-data-text.js';
import { jsonHeadOf, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** Microsoft-Extractor-Suite `Get-UAL` JSONL: one object per line, `AuditData` as a string. */
export const extractorSuiteJsonl: Reader = {
  format: 'extractor-suite-jsonl',
  kind: 'audit',
  detect: (head) => {
    const json = jsonHeadOf(head);
    return json?.layout === 'ndjson' && isWrappedAuditData(json.first);
  },
  read: (input) => readJsonRecords(input, wrappedAuditData),
};
