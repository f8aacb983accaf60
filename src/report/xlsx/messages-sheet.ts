import type { ForwardedCopy } from '../../model/index.js';
import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';
import { leadLines } from '../format/index.js';

export const messagesSheet: SheetBuilder = (report, text) => {
  // How a forwarded message is tied to the forward (rule 11); older reports have no field.
  const forwardLink = (forwarding: ForwardedCopy | null | undefined): string | null =>
    forwarding === null || forwarding === undefined
      ? null
      : [
          text.label(`forwardedBy.${forwarding.by}`, { rule: forwarding.rule ?? '' }),
          text.label(`forwardLink.${forwarding.link}`),
          ...(forwarding.copyId === null
            ? []
            : [text.label('forwardCopy', { copyId: forwarding.copyId })]),
          text.label('traceLines', {
            lines: forwarding.trace.map((row) => `${row.input}:${row.line}`).join(', '),
          }),
        ].join('\n');
  const zone = report.case.timezone;
  const date = (iso: string | null): Date | null =>
    iso === null ? null : text.zoned.wallClock(iso);
  return {
    name: text.label('sheet.messages'),
    filter: true,
    columns: [
      { header: '#', width: 7, kind: 'number' },
      { header: text.label('column.mailbox'), width: 28, kind: 'text' },
      { header: text.label('column.exposure'), width: 18, kind: 'text' },
      { header: `${text.label('column.firstAccess')} (${zone})`, width: 20, kind: 'date' },
      { header: `${text.label('column.lastAccess')} (${zone})`, width: 20, kind: 'date' },
      { header: text.label('column.accesses'), width: 9, kind: 'number' },
      { header: text.label('column.date', { timeZone: zone }), width: 20, kind: 'date' },
      { header: text.label('column.sender'), width: 32, kind: 'text' },
      { header: text.label('column.recipients'), width: 40, kind: 'list' },
      { header: text.label('column.subject'), width: 60, kind: 'text' },
      { header: text.label('column.attachments'), width: 30, kind: 'list' },
      { header: text.label('column.leads'), width: 40, kind: 'list' },
      { header: text.label('column.folder'), width: 24, kind: 'text' },
      { header: text.label('column.sessions'), width: 38, kind: 'list' },
      { header: text.label('column.metadataSource'), width: 18, kind: 'text' },
      { header: text.label('column.unresolved'), width: 40, kind: 'text' },
      { header: text.label('column.internetMessageId'), width: 50, kind: 'text' },
      { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
      { header: text.label('column.forwardedTo'), width: 34, kind: 'list' },
      { header: text.label('column.forwardLink'), width: 50, kind: 'prose' },
    ],
    rows: (function* () {
      let index = 0;
      for (const message of report.messages) {
        index += 1;
        const subject = text.subject(message);
        const unresolved = text.unresolved(message);
        yield [
          index,
          message.mailbox,
          text.label(`exposure.${message.exposure}`),
          date(message.firstAccess),
          date(message.lastAccess),
          message.accessCount,
          date(message.date),
          message.sender === null ? null : cellText(message.sender),
          cellList(message.recipients),
          subject === null ? null : cellText(subject),
          cellList(message.attachments),
          cellList(leadLines(text, message.leads)),
          message.folder === null ? null : cellText(message.folder),
          cellList(message.sessions),
          message.metadataSource === null
            ? null
            : text.label(`metadataSource.${message.metadataSource}`),
          unresolved === null ? null : cellText(unresolved),
          cellText(message.internetMessageId),
          cellList(message.auditRecordIds),
          cellList(message.forwarding?.targets ?? []),
          forwardLink(message.forwarding),
        ];
      }
    })(),
  };
};
