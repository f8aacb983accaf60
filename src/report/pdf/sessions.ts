import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ReportSession } from '../../model/index.js';
import { clientKind } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, idCell, plainCell, refsCell, timeCell } from './cells.js';
import { dataTable, heading, keepWithNext, paragraphs, subheading } from './layout.js';

/**
 * The session cell: on a session's first row its number and id, on the rows after it (the
 * same session in another mailbox) the number alone, so the table counts each session once.
 */
function sessionCell(context: PdfContext, session: ReportSession, first: boolean): TableCell {
  const { text } = context;
  const number = text.label('sessionNumber', { number: session.session });
  if (!first) {
    return { text: [number, `\n${text.label('sameSession')}`], style: 'muted' };
  }
  return {
    stack: [
      { text: number, style: 'strong' },
      session.sessionId === null
        ? { text: text.label('noSessionId'), style: 'muted' }
        : idCell(session.sessionId),
    ],
  };
}

/** The kinds of client a session used, in plain words; the appendix gives them as recorded. */
function clientNames(context: PdfContext, clientInfo: readonly string[]): string | null {
  const kinds = [...new Set(clientInfo.map(clientKind))];
  return kinds.length === 0
    ? null
    : kinds.map((kind) => context.text.label(`client.${kind}`)).join('\n');
}

function sessionRow(context: PdfContext, session: ReportSession, first: boolean): TableCell[] {
  const { text } = context;
  return [
    sessionCell(context, session, first),
    addressCell([session.mailbox]),
    addressCell([session.actor]),
    { text: session.ips.join('\n') },
    plainCell(clientNames(context, session.clientInfo)),
    timeCell(context, session.firstSeen),
    timeCell(context, session.lastSeen),
    { text: text.count(session.records), alignment: 'right' },
    {
      text: session.attributedBy.map((reason) => text.label(`attribution.${reason}`)).join('; '),
    },
    refsCell(context, session.auditRecordIds, 4),
  ];
}

/** Rows of one session together, sessions in their order (report.json's rows are by time). */
function bySession(
  sessions: readonly ReportSession[],
): { session: ReportSession; first: boolean }[] {
  const ordered = sessions
    .map((session, index) => ({ session, index }))
    .sort((a, b) => a.session.session - b.session.session || a.index - b.index);
  return ordered.map(({ session }, position) => ({
    session,
    first: ordered[position - 1]?.session.session !== session.session,
  }));
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
            { header: text.label('column.attributedBy'), width: 84 },
            { header: text.label('column.evidence'), width: 48 },
          ],
          bySession(report.sessions).map(({ session, first }) =>
            sessionRow(context, session, first),
          ),
          'landscape',
        ),
  ];
}

/**
 * The appendix's list of clients as the audit records give them (`ClientInfoString`), each
 * beside the plain words the session table uses for it.
 */
export function clientsAppendix(context: PdfContext): Content[] {
  const { report, text } = context;
  const recorded = [...new Set(report.sessions.flatMap((session) => session.clientInfo))].sort();
  if (recorded.length === 0) return [];
  return keepWithNext(subheading(text.label('clientsHeading')), [
    { text: text.label('clientsIntro'), style: 'paragraph' },
    dataTable(
      [
        { header: text.label('column.client'), width: 150 },
        { header: text.label('column.clientRecorded'), width: '*' },
      ],
      recorded.map((raw): TableCell[] => [
        { text: text.label(`client.${clientKind(raw)}`) },
        plainCell(raw),
      ]),
      'landscape',
    ),
  ]);
}
