import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

export const messagesSheet: SheetBuilder = (report, text) => {
  const zone = report.case.timezone;
  const date = (iso: string | null): Date | null =>
    iso === null ? null : text.zoned.wallClock(iso);
  return {
    name: 'Messages',
    filter: true,
    columns: [
      { header: '#', width: 7, kind: 'number' },
      { header: 'Mailbox', width: 28, kind: 'text' },
      { header: 'Exposure', width: 18, kind: 'text' },
      { header: `First access (${zone})`, width: 20, kind: 'date' },
      { header: `Last access (${zone})`, width: 20, kind: 'date' },
      { header: 'Accesses', width: 9, kind: 'number' },
      { header: `Date (${zone})`, width: 20, kind: 'date' },
      { header: 'Sender', width: 32, kind: 'text' },
      { header: 'Recipients', width: 40, kind: 'text' },
      { header: 'Subject', width: 60, kind: 'text' },
      { header: 'Folder', width: 24, kind: 'text' },
      { header: 'Sessions', width: 38, kind: 'text' },
      { header: 'Metadata source', width: 18, kind: 'text' },
      { header: 'Unresolved reason', width: 40, kind: 'text' },
      { header: 'Internet message id', width: 50, kind: 'text' },
      { header: 'Audit record ids', width: 40, kind: 'text' },
    ],
    rows: (function* () {
      let index = 0;
      for (const message of report.messages) {
        index += 1;
        const subject = text.subject(message);
        yield [
          index,
          message.mailbox,
          message.exposure,
          date(message.firstAccess),
          date(message.lastAccess),
          message.accessCount,
          date(message.date),
          message.sender === null ? null : cellText(message.sender),
          cellList(message.recipients),
          subject === null ? null : cellText(subject),
          message.folder === null ? null : cellText(message.folder),
          cellList(message.sessions),
          message.metadataSource,
          message.unresolvedReason === null ? null : cellText(message.unresolvedReason),
          cellText(message.internetMessageId),
          cellList(message.auditRecordIds),
        ];
      }
    })(),
  };
};
