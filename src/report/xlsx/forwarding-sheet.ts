import { activityEventLines, activityOf, activityStateText } from '../format/index.js';
import { cellList } from './cell-text.js';
import type { SheetBuilder } from './sheet.js';

/** Forwarding of whole mailboxes the attacker set up, one row per target and period. */
export const forwardingSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.forwarding'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.forwardedTo'), width: 34, kind: 'text' },
    { header: text.label('column.keepsCopy'), width: 14, kind: 'flag' },
    {
      header: `${text.label('column.created')} (${report.case.timezone})`,
      width: 20,
      kind: 'date',
    },
    { header: text.label('column.state'), width: 40, kind: 'prose' },
    { header: text.label('column.events'), width: 60, kind: 'list' },
    { header: text.label('column.sessions'), width: 38, kind: 'list' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ],
  rows: activityOf(report).mailboxForwarding.map((item) => [
    item.mailbox,
    item.target,
    item.keepsCopy,
    text.zoned.wallClock(item.setAt),
    activityStateText(text, item.state, item.stoppedAt, item.events),
    cellList(activityEventLines(text, item.events)),
    cellList(item.sessions),
    cellList(item.auditRecordIds),
  ]),
});
