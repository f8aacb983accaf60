import { isBareAuditData } from '../audit-data-text.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { JsonFields } from '../json-fields.js';
import type { Reader } from '../reader.js';

/** One bare AuditData object per line (Extractor Suite "AuditDataOnly", SOF-ELK). */
export const auditDataNdjson: Reader = {
  format: 'audit-data-ndjson',
  kind: 'audit',
  detect: (head) => jsonHeadHas(head, ['ndjson'], isBareAuditData),
  read: (input) => readJsonRecords(input, bareRecord),
  fromLine: bareRecord,
};

function bareRecord(record: JsonFields): JsonFields['raw'] {
  return record.raw;
}
