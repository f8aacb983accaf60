import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

/** Ref `R<n>` is the record's place here, as the PDF cites it. */
export const auditRecordsSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.auditRecords'),
  filter: true,
  columns: [
    { header: text.label('column.ref'), width: 8, kind: 'text' },
    { header: text.label('column.recordId'), width: 38, kind: 'text' },
    { header: `${text.label('column.time')} (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: `${text.label('column.time')} (UTC)`, width: 20, kind: 'date' },
    { header: text.label('column.operation'), width: 18, kind: 'text' },
    { header: text.label('column.mailAccessType'), width: 12, kind: 'text' },
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.actor'), width: 28, kind: 'text' },
    { header: text.label('column.ip'), width: 22, kind: 'text' },
    { header: text.label('column.sessionId'), width: 38, kind: 'text' },
    { header: text.label('column.attributedBy'), width: 24, kind: 'list' },
    { header: text.label('column.sources'), width: 50, kind: 'list' },
  ],
  rows: report.auditRecords.map((record, index) => [
    `R${index + 1}`,
    cellText(record.id),
    text.zoned.wallClock(record.creationTime),
    new Date(record.creationTime),
    cellText(record.operation),
    record.mailAccessType,
    record.mailbox,
    cellText(record.actor),
    record.clientIp,
    record.sessionId,
    cellList(record.attributedBy.map((reason) => text.label(`attribution.${reason}`))),
    cellList(record.sources.map((source) => `${source.input}:${source.line}`)),
  ]),
});
