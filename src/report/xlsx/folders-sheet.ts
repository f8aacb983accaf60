import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

export const foldersSheet: SheetBuilder = (report, text) => ({
  name: text.label('sheet.folders'),
  filter: true,
  columns: [
    { header: text.label('column.mailbox'), width: 28, kind: 'text' },
    { header: text.label('column.folder'), width: 40, kind: 'text' },
    {
      header: `${text.label('column.syncedAt')} (${report.case.timezone})`,
      width: 20,
      kind: 'date',
    },
    { header: text.label('column.sessionId'), width: 38, kind: 'text' },
    { header: text.label('column.listedFlag'), width: 8, kind: 'flag' },
    { header: text.label('column.messagesListed'), width: 10, kind: 'number' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ],
  rows: report.folders.map((folder) => [
    folder.mailbox,
    cellText(folder.path),
    text.zoned.wallClock(folder.syncedAt),
    folder.sessionId,
    folder.listed,
    folder.messages,
    cellList(folder.auditRecordIds),
  ]),
});
