import { activityOf } from '../format/index.js';
import { cellList, cellText } from './cell-text.js';
import type { SheetBuilder } from './sheet.js';

/** Messages the attacker deleted, purged or moved to a hidden folder: one row per message. */
export const hiddenMailSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.hiddenMail'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: `${text.label('column.when')} (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: text.label('column.what'), width: 34, kind: 'text' },
    { header: text.label('column.operation'), width: 18, kind: 'text' },
    { header: text.label('column.subject'), width: 50, kind: 'text' },
    { header: text.label('column.folder'), width: 28, kind: 'text' },
    { header: text.label('column.internetMessageId'), width: 50, kind: 'text' },
    { header: text.label('column.sessions'), width: 38, kind: 'list' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ],
  rows: activityOf(report).hiddenMessages.map((hidden) => {
    const subject = text.subject(hidden);
    return [
      hidden.mailbox,
      text.zoned.wallClock(hidden.at),
      text.label(`hideKind.${hidden.kind}`, { folder: hidden.toFolder ?? '' }),
      hidden.operation,
      subject === null ? null : cellText(subject),
      hidden.fromFolder === null ? null : cellText(hidden.fromFolder),
      hidden.internetMessageId === null ? null : cellText(hidden.internetMessageId),
      cellList(hidden.sessions),
      cellList(hidden.auditRecordIds),
    ];
  }),
});
