import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ReportSession } from '../../model/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, plainCell, refsCell, timeCell } from './cells.js';
import { dataTable, heading, paragraphs } from './layout.js';

function sessionRow(context: PdfContext, session: ReportSession): TableCell[] {
  const { text } = context;
  return [
    session.sessionId === null
      ? { text: text.label('noSessionId'), style: 'muted' }
      : { text: session.sessionId },
    addressCell([session.mailbox]),
    addressCell([session.actor]),
    { text: session.ips.join('\n') },
    plainCell(session.clientInfo.join('\n')),
    timeCell(context, session.firstSeen),
    timeCell(context, session.lastSeen),
    { text: text.count(session.records), alignment: 'right' },
    {
      text: session.attributedBy.map((reason) => text.label(`attribution.${reason}`)).join('; '),
    },
    refsCell(context, session.auditRecordIds, 4),
  ];
}

export function sessionsSection(context: PdfContext): Content[] {
  const { report, text } = context;
  return [
    heading(text.label('section.sessions'), SECTION_IDS.sessions, { orientation: 'landscape' }),
    ...paragraphs(text.prose('sessions', {})),
    report.sessions.length === 0
      ? { text: text.label('none'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.session'), width: 78 },
            { header: text.label('column.mailbox'), width: 80 },
            { header: text.label('column.actor'), width: 80 },
            { header: text.label('column.ips'), width: 70 },
            { header: text.label('column.client'), width: '*' },
            { header: text.label('column.firstSeen'), width: 66 },
            { header: text.label('column.lastSeen'), width: 66 },
            { header: text.label('column.records'), width: 34, alignment: 'right' },
            { header: text.label('column.attributedBy'), width: 70 },
            { header: text.label('column.evidence'), width: 48 },
          ],
          report.sessions.map((session) => sessionRow(context, session)),
          'landscape',
        ),
  ];
}
