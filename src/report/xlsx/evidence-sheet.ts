import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const evidenceSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.evidence'),
  filter: true,
  columns: [
    { header: text.label('column.input'), width: 50, kind: 'text' },
    { header: text.label('column.kind'), width: 14, kind: 'text' },
    { header: text.label('column.format'), width: 20, kind: 'text' },
    { header: 'SHA-256', width: 68, kind: 'text' },
    { header: text.label('column.bytes'), width: 14, kind: 'number' },
    { header: text.label('column.recordsRead'), width: 12, kind: 'number' },
    { header: text.label('column.inScope'), width: 10, kind: 'number' },
    { header: text.label('column.duplicates'), width: 10, kind: 'number' },
    { header: text.label('column.rejected'), width: 10, kind: 'number' },
  ],
  rows: report.inputs.map((input) => [
    cellText(input.path),
    text.label(`inputKind.${input.kind}`),
    input.format,
    input.sha256,
    input.bytes,
    input.records,
    input.inScope,
    input.duplicates,
    input.rejected,
  ]),
});

/** Every row that could not be used, so nothing is dropped unseen. */
export const rejectedRowsSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.rejectedRows'),
  filter: true,
  columns: [
    { header: text.label('column.input'), width: 50, kind: 'text' },
    { header: text.label('column.line'), width: 9, kind: 'number' },
    { header: text.label('column.problem'), width: 20, kind: 'text' },
    { header: text.label('column.details'), width: 80, kind: 'text' },
  ],
  rows: report.problems.map((problem) => [
    problem.input === null ? null : cellText(problem.input),
    problem.line,
    text.label(`problem.${problem.code}`),
    cellText(problem.message),
  ]),
});
