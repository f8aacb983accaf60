import type { SheetBuilder } from './sheet.js';
import { cellList } from './cell-text.js';

export const throttlingSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.throttling'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: `${text.label('column.start')} (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: `${text.label('column.end')} (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: text.label('column.attributed'), width: 12, kind: 'flag' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ],
  rows: report.throttledWindows.map((window) => [
    window.mailbox,
    text.zoned.wallClock(window.start),
    text.zoned.wallClock(window.end),
    window.attributed,
    cellList(window.auditRecordIds),
  ]),
});
