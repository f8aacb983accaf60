import { has } from '../audit-data-text.js';
import type { JsonFields } from '../json-fields.js';
import { jsonHeadHas, readJsonRecords } from '../json-records.js';
import type { RawTraceRow, Reader } from '../reader.js';

/**
 * Graph `exchangeMessageTrace` objects (`/admin/exchange/tracing/messageTraces`): pages, an
 * array or NDJSON, as live collection saves the rows it asks for the attacker's forwarding
 * targets. Like Get-MessageTraceV2, one row per recipient.
 */
export const graphMessageTrace: Reader = {
  format: 'graph-message-trace',
  kind: 'messageTrace',
  detect: (head) => jsonHeadHas(head, ['document', 'ndjson'], isTraceRow),
  read: (input) => readJsonRecords(input, traceRow),
};

function isTraceRow(record: JsonFields): boolean {
  return ['messageId', 'receivedDateTime', 'senderAddress', 'recipientAddress'].every((name) =>
    has(record, name),
  );
}

function traceRow(record: JsonFields): RawTraceRow {
  const text = (name: string) => record.text(name) ?? '';
  return {
    messageId: text('messageId'),
    received: text('receivedDateTime'),
    sender: text('senderAddress'),
    recipients: [text('recipientAddress')],
    subject: record.verbatim('subject') ?? '',
    status: text('status'),
    size: text('size'),
  };
}
