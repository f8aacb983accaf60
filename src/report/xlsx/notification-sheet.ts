import { notificationItems } from '../format/index.js';
import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

/**
 * The notification worksheet (GDPR Art. 33(3)) as the PDF has it, with a column for counsel's
 * answer beside each item: blank for counsel to fill in, or to amend what the analysis gives.
 */
export const notificationSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.notification'),
  filter: false,
  columns: [
    { header: text.label('column.item'), width: 40, kind: 'prose' },
    { header: text.label('column.fromAnalysis'), width: 90, kind: 'prose' },
    { header: text.label('column.counselAnswer'), width: 60, kind: 'prose' },
  ],
  rows: notificationItems(report, text).map((item) => [
    item.item,
    item.forCounsel ? null : cellText(item.prefilled.join('\n\n')),
    null,
  ]),
});
