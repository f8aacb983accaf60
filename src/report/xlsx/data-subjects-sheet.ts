import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const dataSubjectsSheet: SheetBuilder = (report) => ({
  name: 'Data subjects',
  filter: true,
  columns: [
    { header: 'Address', width: 40, kind: 'text' },
    { header: 'Internal', width: 10, kind: 'flag' },
    { header: 'Exposed messages', width: 12, kind: 'number' },
  ],
  rows: report.dataSubjects.map((subject) => [
    cellText(subject.address),
    subject.internal,
    subject.messages,
  ]),
});
