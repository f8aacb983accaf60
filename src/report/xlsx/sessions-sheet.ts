import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

export const sessionsSheet: SheetBuilder = (report, text) => {
  const zone = report.case.timezone;
  return {
    name: text.label('sheet.sessions'),
    filter: true,
    columns: [
      { header: text.label('column.session'), width: 9, kind: 'number' },
      { header: text.label('column.sessionId'), width: 38, kind: 'text' },
      { header: text.label('column.mailbox'), width: 28, kind: 'text' },
      { header: text.label('column.actor'), width: 28, kind: 'text' },
      { header: text.label('column.ips'), width: 24, kind: 'list' },
      { header: `${text.label('column.firstSeen')} (${zone})`, width: 20, kind: 'date' },
      { header: `${text.label('column.lastSeen')} (${zone})`, width: 20, kind: 'date' },
      { header: text.label('column.attributedBy'), width: 24, kind: 'list' },
      { header: text.label('column.client'), width: 50, kind: 'list' },
      { header: text.label('column.records'), width: 9, kind: 'number' },
      { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
    ],
    rows: report.sessions.map((session) => [
      session.session,
      session.sessionId,
      session.mailbox,
      cellText(session.actor),
      cellList(session.ips),
      text.zoned.wallClock(session.firstSeen),
      text.zoned.wallClock(session.lastSeen),
      cellList(session.attributedBy.map((reason) => text.label(`attribution.${reason}`))),
      cellList(session.clientInfo),
      session.records,
      cellList(session.auditRecordIds),
    ]),
  };
};
