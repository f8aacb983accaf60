import type {
  AttributionReason,
  AuditRecord,
  SentMessage,
  SourcePosition,
  TraceRecord,
} from '../model/index.js';
import { activityKindOf, normalizeMessageId } from '../model/index.js';
import { groupBy } from './group-by.js';
import { compareInstants, normalizeInstant } from './instants.js';
import {
  compareOptionalText,
  compareText,
  sortedUnique,
  sortedUniquePositions,
} from './ordering.js';
import { sessionsOf } from './session-ids.js';

/**
 * Rule 10, sent mail: each attributed `Send`, `SendAs` and `SendOnBehalf`. Recipients come
 * from message trace (every row of the message's id) and, when trace has none, from the
 * record's own `recipientList`; older records name none, and then neither does the report.
 * Sorted by time, then mailbox and message id.
 */
export function sentMessages(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  trace: readonly TraceRecord[],
): { messages: SentMessage[]; evidence: TraceRecord[] } {
  const sends = records.filter(
    (record) => reasons.has(record.id) && activityKindOf(record.operation) === 'send',
  );
  if (sends.length === 0) return { messages: [], evidence: [] };
  const traceById = groupBy(trace, (row) => normalizeMessageId(row.internetMessageId));
  const evidence: TraceRecord[] = [];
  const messages = sends.map((record): SentMessage => {
    const id = record.item?.internetMessageId ?? null;
    const rows = id === null ? [] : (traceById.get(id) ?? []);
    for (const row of rows) evidence.push(row);
    const traced = sortedUnique(rows.flatMap((row) => row.recipients));
    const listed = record.activity?.recipients ?? [];
    const positions: SourcePosition[] = rows.map((row) => row.source);
    return {
      mailbox: record.mailbox,
      operation: record.operation,
      sentAt: normalizeInstant(record.creationTime),
      sentAs: record.activity?.sentAs ?? null,
      internetMessageId: id,
      subject: record.item?.subject ?? rows.find((row) => row.subject !== null)?.subject ?? null,
      recipients: traced.length > 0 ? traced : listed,
      recipientsFrom:
        traced.length > 0 ? 'message-trace' : listed.length > 0 ? 'audit-record' : null,
      sessions: sessionsOf(record),
      clientIp: record.clientIp,
      auditRecordIds: [record.id],
      trace: sortedUniquePositions(positions),
    };
  });
  return {
    messages: messages.sort(
      (a, b) =>
        compareInstants(a.sentAt, b.sentAt) ||
        compareText(a.mailbox, b.mailbox) ||
        compareOptionalText(a.internetMessageId, b.internetMessageId),
    ),
    evidence,
  };
}
