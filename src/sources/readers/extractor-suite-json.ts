import { isWrappedAuditData, wrappedAuditData } from '../audit-data-text.js';
import { jsonHeadOf, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** Microsoft-Extractor-Suite `Get-UAL` JSON: an array of objects with `AuditData` parsed. */
export const extractorSuiteJson: Reader = {
  format: 'extractor-suite-json',
  kind: 'audit',
  detect: (head) => {
    const json = jsonHeadOf(head);
    return json?.layout === 'document' && isWrappedAuditData(json.first);
  },
  read: (input) => readJsonRecords(input, wrappedAuditData),
};
