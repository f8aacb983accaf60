import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

/** Ref `R<n>` is the record's place here, as the PDF cites it. */
export const auditRecordsSheet: SheetBuilder = (report, text) => ({
  name: 'Audit records',
  filter: true,
  columns: [
    { header: 'Ref', width: 8, kind: 'text' },
    { header: 'Audit record id', width: 38, kind: 'text' },
    { header: `Time (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: 'Time (UTC)', width: 22, kind: 'text' },
    { header: 'Operation', width: 18, kind: 'text' },
    { header: 'Mail access type', width: 12, kind: 'text' },
    { header: 'Mailbox', width: 28, kind: 'text' },
    { header: 'Actor', width: 28, kind: 'text' },
    { header: 'Client IP', width: 22, kind: 'text' },
    { header: 'Session id', width: 38, kind: 'text' },
    { header: 'Attributed by', width: 16, kind: 'text' },
    { header: 'Sources (file:line)', width: 50, kind: 'text' },
  ],
  rows: report.auditRecords.map((record, index) => [
    `R${index + 1}`,
    cellText(record.id),
    text.zoned.wallClock(record.creationTime),
    record.creationTime,
    cellText(record.operation),
    record.mailAccessType,
    record.mailbox,
    cellText(record.actor),
    record.clientIp,
    record.sessionId,
    cellList(record.attributedBy),
    cellList(record.sources.map((source) => `${source.input}:${source.line}`)),
  ]),
});
