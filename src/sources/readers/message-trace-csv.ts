import { csvHeaderHas } from '../csv-records.js';
import { readCsvTable } from '../csv-table.js';
import type { Reader } from '../reader.js';

/**
 * Get-MessageTrace / Get-MessageTraceV2 exported to CSV: one row per recipient. `Received` is
 * ISO or the exporting machine's locale (read as US month/day, UTC).
 */
export const messageTraceCsv: Reader = {
  format: 'message-trace-csv',
  kind: 'messageTrace',
  detect: (head) =>
    csvHeaderHas(head, ['MessageId', 'Received', 'SenderAddress', 'RecipientAddress']),
  read: (input) =>
    readCsvTable(input, (row) => ({
      messageId: row.cell('MessageId'),
      received: row.cell('Received'),
      sender: row.cell('SenderAddress'),
      recipients: [row.cell('RecipientAddress')],
      subject: row.cell('Subject'),
      status: row.cell('Status'),
      size: row.cell('Size'),
    })),
};
