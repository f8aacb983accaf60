import type { SheetBuilder } from './sheet.js';
import { cellList, cellText } from './cell-text.js';

export const sessionsSheet: SheetBuilder = (report, text) => {
  const zone = report.case.timezone;
  return {
    name: 'Sessions',
    filter: true,
    columns: [
      { header: 'Session id', width: 38, kind: 'text' },
      { header: 'Mailbox', width: 28, kind: 'text' },
      { header: 'Actor', width: 28, kind: 'text' },
      { header: 'IP addresses', width: 24, kind: 'text' },
      { header: `First seen (${zone})`, width: 20, kind: 'date' },
      { header: `Last seen (${zone})`, width: 20, kind: 'date' },
      { header: 'Attributed by', width: 16, kind: 'text' },
      { header: 'Client', width: 50, kind: 'text' },
      { header: 'Records', width: 9, kind: 'number' },
      { header: 'Audit record ids', width: 40, kind: 'text' },
    ],
    rows: report.sessions.map((session) => [
      session.sessionId,
      session.mailbox,
      cellText(session.actor),
      cellList(session.ips),
      text.zoned.wallClock(session.firstSeen),
      text.zoned.wallClock(session.lastSeen),
      cellList(session.attributedBy),
      cellList(session.clientInfo),
      session.records,
      cellList(session.auditRecordIds),
    ]),
  };
};
