import type { PersonChange } from '../../model/index.js';
import { changesOf, levelText, messageChangeRows, personKindText } from '../format/index.js';
import type { CellValue, SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

/**
 * What changed since the previous report, one row per figure, message, person and input; only
 * in a report that names a previous one.
 */
export const changesSheet: SheetBuilder = (report, text) => {
  const changes = changesOf(report);
  if (changes === null) return null;
  const zone = report.case.timezone;
  const kind = (key: string): string => text.label(`change.kind.${key}`);
  const rows: CellValue[][] = [];
  for (const { figure, previous, current } of changes.figures) {
    rows.push([
      kind('figure'),
      text.label(`change.figure.${figure}`),
      null,
      null,
      previous,
      current,
    ]);
  }
  for (const row of messageChangeRows(changes)) {
    const { change } = row;
    rows.push([
      kind(row.kind),
      change.mailbox,
      cellText(change.internetMessageId),
      change.date === null ? null : text.zoned.wallClock(change.date),
      levelText(text, change.previous),
      levelText(text, change.current),
    ]);
  }
  const person = (key: string, change: PersonChange): CellValue[] => [
    kind(key),
    cellText(change.address),
    null,
    null,
    null,
    personKindText(text, change, '; '),
  ];
  for (const added of changes.dataSubjects.added) rows.push(person('personAdded', added));
  for (const removed of changes.dataSubjects.removed) rows.push(person('personRemoved', removed));
  for (const [key, inputs] of [
    ['inputAdded', changes.inputs.added],
    ['inputChanged', changes.inputs.changed],
    ['inputRemoved', changes.inputs.removed],
  ] as const) {
    for (const input of inputs) {
      rows.push([
        kind(key),
        cellText(input.path),
        null,
        null,
        input.previousSha256,
        input.currentSha256,
      ]);
    }
  }
  return {
    name: text.label('sheet.changes'),
    filter: true,
    columns: [
      { header: text.label('column.change'), width: 28, kind: 'text' },
      { header: text.label('column.concerns'), width: 44, kind: 'text' },
      { header: text.label('column.internetMessageId'), width: 50, kind: 'text' },
      { header: text.label('column.date', { timeZone: zone }), width: 20, kind: 'date' },
      { header: text.label('column.previously'), width: 24, kind: 'text' },
      { header: text.label('column.now'), width: 24, kind: 'text' },
    ],
    rows,
  };
};
