import { auditDataOf } from '../audit-data-text.js';
import { csvHeaderHas } from '../csv-records.js';
import { readCsvTable } from '../csv-table.js';
import type { Reader } from '../reader.js';

/**
 * Purview Audit (new) search export. `RecordType` is numeric and `CreationDate` locale text;
 * the record is taken from the `AuditData` JSON cell alone, time included.
 */
export const purviewCsv: Reader = {
  format: 'purview-csv',
  kind: 'audit',
  detect: (head) =>
    csvHeaderHas(head, [
      'RecordId',
      'CreationDate',
      'RecordType',
      'Operation',
      'UserId',
      'AuditData',
    ]),
  read: (input) => readCsvTable(input, (row) => auditDataOf(row.cell('AuditData'))),
};
