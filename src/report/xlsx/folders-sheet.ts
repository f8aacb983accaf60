import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

export const foldersSheet: SheetBuilder = (report, text) => ({
  name: 'Folders',
  filter: true,
  columns: [
    { header: 'Mailbox', width: 28, kind: 'text' },
    { header: 'Folder', width: 40, kind: 'text' },
    { header: `Synced at (${report.case.timezone})`, width: 20, kind: 'date' },
    { header: 'Session id', width: 38, kind: 'text' },
    { header: 'Listed', width: 8, kind: 'flag' },
    { header: 'Messages listed', width: 10, kind: 'number' },
    { header: 'Audit record ids', width: 40, kind: 'text' },
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
