import { auditDataOf } from '../audit-data-text.js';
import { csvHeaderHas } from '../csv-records.js';
import { readCsvTable } from '../csv-table.js';
import type { Reader } from '../reader.js';

/**
 * `Search-UnifiedAuditLog | Export-Csv` (also Extractor Suite's CSV), with or without a
 * leading `RunspaceId` column. Its `CreationDate` follows the exporting machine's locale, so
 * the record is taken from the `AuditData` JSON cell alone, time included.
 */
export const unifiedAuditLogCsv: Reader = {
  format: 'unified-audit-log-csv',
  kind: 'audit',
  detect: (head) =>
    csvHeaderHas(head, ['RecordType', 'CreationDate', 'UserIds', 'Operations', 'AuditData']),
  read: (input) => readCsvTable(input, (row) => auditDataOf(row.cell('AuditData'))),
};
