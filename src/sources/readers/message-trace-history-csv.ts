import { csvHeaderHas } from '../csv-records.js';
import { readCsvTable } from '../csv-table.js';
import type { Reader } from '../reader.js';

/**
 * Historical message trace search report: one row per message, its recipients and their
 * delivery status in `recipient_status` as `addr##status;addr##status`. The row's status is
 * each distinct recipient status, in order, joined with `; `.
 */
export const messageTraceHistoryCsv: Reader = {
  format: 'message-trace-history-csv',
  kind: 'messageTrace',
  detect: (head) =>
    csvHeaderHas(head, [
      'origin_timestamp_utc',
      'sender_address',
      'recipient_status',
      'message_id',
    ]),
  read: (input) =>
    readCsvTable(input, (row) => {
      const recipients = recipientStatuses(row.cell('recipient_status'));
      return {
        messageId: row.cell('message_id'),
        received: row.cell('origin_timestamp_utc'),
        sender: row.cell('sender_address'),
        recipients: recipients.map(([address]) => address),
        subject: row.cell('message_subject'),
        status: [...new Set(recipients.map(([, status]) => status).filter((s) => s !== ''))].join(
          '; ',
        ),
        size: row.cell('total_bytes'),
      };
    }),
};

function recipientStatuses(text: string): [string, string][] {
  return text
    .split(';')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const separator = entry.indexOf('##');
      if (separator === -1) return [entry.trim(), ''];
      return [entry.slice(0, separator).trim(), entry.slice(separator + 2).trim()];
    });
}
