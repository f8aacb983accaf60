import { activityOf } from '../format/index.js';
import { cellList, cellText } from './cell-text.js';
import type { SheetBuilder } from './sheet.js';

/** Mail the attacker sent from the mailbox, with the recipients message trace names. */
export const sentMailSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.sentMail'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.sentAs'), width: 28, kind: 'text' },
    { header: text.label('column.operation'), width: 14, kind: 'text' },
    { header: `${text.label('column.sentAt')} (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: text.label('column.subject'), width: 50, kind: 'text' },
    { header: text.label('column.recipients'), width: 40, kind: 'list' },
    { header: text.label('column.recipientsFrom'), width: 18, kind: 'text' },
    { header: text.label('column.internetMessageId'), width: 50, kind: 'text' },
    { header: text.label('column.ip'), width: 22, kind: 'text' },
    { header: text.label('column.sessions'), width: 38, kind: 'list' },
    { header: text.label('column.trace'), width: 40, kind: 'list' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ],
  rows: activityOf(report).sentMessages.map((sent) => {
    const subject = text.subject(sent);
    return [
      sent.mailbox,
      sent.sentAs,
      sent.operation,
      text.zoned.wallClock(sent.sentAt),
      subject === null ? null : cellText(subject),
      cellList(sent.recipients),
      sent.recipientsFrom === null ? null : text.label(`recipientsFrom.${sent.recipientsFrom}`),
      sent.internetMessageId === null ? null : cellText(sent.internetMessageId),
      sent.clientIp,
      cellList(sent.sessions),
      cellList(sent.trace.map((row) => `${row.input}:${row.line}`)),
      cellList(sent.auditRecordIds),
    ];
  }),
});
