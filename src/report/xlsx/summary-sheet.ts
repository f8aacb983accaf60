import { summaryContext } from '../format/index.js';
import type { CellValue, SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const summarySheet: SheetBuilder = (report, text) => {
  const { summary } = report;
  const date = (iso: string | null): Date | null =>
    iso === null ? null : text.zoned.wallClock(iso);
  const zone = report.case.timezone;
  const rows: CellValue[][] = [
    ['Case id', report.case.id],
    ['Title', cellText(report.case.title)],
    ['Organization', cellText(report.case.organization)],
    [text.label('preparedFor'), report.case.preparedFor],
    [text.label('preparedBy'), report.case.preparedBy],
    ['Classification', report.case.classification],
    [text.label('timeZone'), zone],
    [`Window start (${zone})`, date(report.case.window.start)],
    [`Window end (${zone})`, date(report.case.window.end)],
    [`${text.label('generatedAt')} (${zone})`, date(report.generatedAt)],
    [text.label('tool'), `${report.tool.name} ${report.tool.version}`],
    [text.label('caseFileSha256'), report.case.caseFileSha256],
    ['Subjects withheld', report.case.redactSubjects],
    [null, null],
    [text.label('figure.mailboxes'), summary.mailboxes],
    [text.label('figure.sessions'), summary.sessions],
    [text.label('figure.sessionRows'), summary.sessionMailboxRows],
    [text.label('figure.confirmed'), summary.confirmedMessages],
    [text.label('figure.presumedSync'), summary.presumedFolders],
    [text.label('figure.presumedSyncMessages'), summary.presumedSyncMessages],
    [text.label('figure.presumedThrottled'), summary.throttledMailboxes],
    [text.label('figure.presumedThrottledMessages'), summary.presumedThrottledMessages],
    [text.label('figure.presumed'), summary.presumedMessages],
    [text.label('figure.unresolved'), summary.unresolvedMessages],
    [text.label('figure.dataSubjects'), summary.dataSubjects],
    [text.label('internal'), summary.internalDataSubjects],
    [text.label('external'), summary.externalDataSubjects],
    [text.label('figure.dataSubjectsLowerBound'), summary.lowerBounds.dataSubjects],
    [`${text.label('figure.firstAccess')} (${zone})`, date(summary.firstAttackerAccess)],
    [`${text.label('figure.lastAccess')} (${zone})`, date(summary.lastAttackerAccess)],
    [text.label('figure.syncedFolders'), summary.syncedFolders],
    [text.label('figure.throttledWindows'), summary.throttledWindows],
    ['Audit records read', summary.recordsRead],
    ['Audit records in scope', summary.recordsInScope],
    ['Input rows rejected', summary.recordsRejected],
    [null, null],
    ...text
      .prose('summary', summaryContext(report, text))
      .map((paragraph, index): CellValue[] => [
        index === 0 ? text.label('section.summary') : null,
        paragraph,
      ]),
  ];
  return {
    name: 'Summary',
    filter: false,
    columns: [
      { header: 'Item', width: 46, kind: 'text' },
      { header: 'Value', width: 100, kind: 'prose' },
    ],
    rows,
  };
};
