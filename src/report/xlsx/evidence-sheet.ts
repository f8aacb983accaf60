import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const evidenceSheet: SheetBuilder = (report) => ({
  name: 'Evidence',
  filter: true,
  columns: [
    { header: 'Input', width: 50, kind: 'text' },
    { header: 'Kind', width: 14, kind: 'text' },
    { header: 'Format', width: 20, kind: 'text' },
    { header: 'SHA-256', width: 68, kind: 'text' },
    { header: 'Bytes', width: 14, kind: 'number' },
    { header: 'Records read', width: 12, kind: 'number' },
    { header: 'In scope', width: 10, kind: 'number' },
    { header: 'Duplicates', width: 10, kind: 'number' },
    { header: 'Rejected', width: 10, kind: 'number' },
  ],
  rows: report.inputs.map((input) => [
    cellText(input.path),
    input.kind,
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
export const rejectedRowsSheet: SheetBuilder = (report) => ({
  name: 'Rejected rows',
  filter: true,
  columns: [
    { header: 'Input', width: 50, kind: 'text' },
    { header: 'Line', width: 9, kind: 'number' },
    { header: 'Problem', width: 20, kind: 'text' },
    { header: 'Message', width: 80, kind: 'text' },
  ],
  rows: report.problems.map((problem) => [
    problem.input === null ? null : cellText(problem.input),
    problem.line,
    problem.code,
    cellText(problem.message),
  ]),
});
