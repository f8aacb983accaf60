import type { SheetBuilder } from './sheet.js';
import { cellList } from './cell-text.js';

export const throttlingSheet: SheetBuilder = (report, text) => ({
  name: 'Throttling',
  filter: true,
  columns: [
    { header: 'Mailbox', width: 28, kind: 'text' },
    { header: `Start (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: `End (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: 'Attributed to attacker', width: 12, kind: 'flag' },
    { header: 'Audit record ids', width: 40, kind: 'text' },
  ],
  rows: report.throttledWindows.map((window) => [
    window.mailbox,
    text.zoned.wallClock(window.start),
    text.zoned.wallClock(window.end),
    window.attributed,
    cellList(window.auditRecordIds),
  ]),
});
