import { activityOf } from '../format/index.js';
import { lastingChangeCells, lastingChangeColumns } from './lasting-change-columns.js';
import type { SheetBuilder } from './sheet.js';

/** Forwarding of whole mailboxes the attacker set up, one row per target and period. */
export const forwardingSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.forwarding'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.forwardedTo'), width: 34, kind: 'text' },
    { header: text.label('column.keepsCopy'), width: 14, kind: 'flag' },
    ...lastingChangeColumns(report, text),
  ],
  rows: activityOf(report).mailboxForwarding.map((item) => [
    item.mailbox,
    item.target,
    item.keepsCopy,
    ...lastingChangeCells(text, item, item.setAt),
  ]),
});
