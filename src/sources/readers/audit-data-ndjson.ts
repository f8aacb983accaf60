import { isBareAuditData } from '../audit-data-text.js';
import { jsonHeadOf, readJsonRecords } from '../json-records.js';
import type { Reader } from '../reader.js';

/** One bare AuditData object per line (Extractor Suite "AuditDataOnly", SOF-ELK). */
export const auditDataNdjson: Reader = {
  format: 'audit-data-ndjson',
  kind: 'audit',
  detect: (head) => {
    const json = jsonHeadOf(head);
    return json?.layout === 'ndjson' && isBareAuditData(json.first);
  },
  read: (input) => readJsonRecords(input, (record) => record.raw),
};
