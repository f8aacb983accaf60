import { summaryContext } from '../format/index.js';
import type { CellValue, SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

export const summarySheet: SheetBuilder = (report, text) => {
  const { summary } = report;
  const date = (iso: string | null): Date | null =>
    iso === null ? null : text.zoned.wallClock(iso);
  const zone = report.case.timezone;
  const rows: CellValue[][] = [
    [text.label('item.caseId'), report.case.id],
    [text.label('item.title'), cellText(report.case.title)],
    [text.label('item.organization'), cellText(report.case.organization)],
    [text.label('preparedFor'), report.case.preparedFor],
    [text.label('preparedBy'), report.case.preparedBy],
    [text.label('item.classification'), report.case.classification],
    [text.label('timeZone'), zone],
    [`${text.label('item.windowStart')} (${zone})`, date(report.case.window.start)],
    [`${text.label('item.windowEnd')} (${zone})`, date(report.case.window.end)],
    [`${text.label('generatedAt')} (${zone})`, date(report.generatedAt)],
    [text.label('tool'), `${report.tool.name} ${report.tool.version}`],
    [text.label('caseFileSha256'), report.case.caseFileSha256],
    [text.label('item.subjectsWithheld'), report.case.redactSubjects],
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
    [text.label('figure.dataSubjects'), summary.personDataSubjects],
    [text.label('internal'), summary.internalPersonDataSubjects],
    [text.label('external'), summary.externalPersonDataSubjects],
    [text.label('figure.nonPersons'), summary.nonPersonDataSubjects],
    [text.label('figure.dataSubjectsLowerBound'), summary.lowerBounds.dataSubjects],
    [`${text.label('figure.firstAccess')} (${zone})`, date(summary.firstAttackerAccess)],
    [`${text.label('figure.lastAccess')} (${zone})`, date(summary.lastAttackerAccess)],
    [text.label('figure.syncedFolders'), summary.syncedFolders],
    [text.label('figure.throttledWindows'), summary.throttledWindows],
    [text.label('item.recordsRead'), summary.recordsRead],
    [text.label('item.recordsInScope'), summary.recordsInScope],
    [text.label('item.rowsRejected'), summary.recordsRejected],
    [null, null],
    ...text
      .prose('summary', summaryContext(report, text))
      .map((paragraph, index): CellValue[] => [
        index === 0 ? text.label('section.summary') : null,
        paragraph,
      ]),
  ];
  return {
    name: text.label('sheet.summary'),
    filter: false,
    columns: [
      { header: text.label('column.item'), width: 46, kind: 'text' },
      { header: text.label('column.value'), width: 100, kind: 'prose' },
    ],
    rows,
  };
};
