import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const dataSubjectsSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.dataSubjects'),
  filter: true,
  columns: [
    { header: text.label('column.address'), width: 40, kind: 'text' },
    { header: text.label('internal'), width: 10, kind: 'flag' },
    { header: text.label('column.messages'), width: 12, kind: 'number' },
  ],
  rows: report.dataSubjects.map((subject) => [
    cellText(subject.address),
    subject.internal,
    subject.messages,
  ]),
});
