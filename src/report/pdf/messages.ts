import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ExposedMessage } from '../../model/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, idCell, pathCell, plainCell, refsCell, timeCell } from './cells.js';
import { dataTable, heading, paragraphs, type Column } from './layout.js';
import { leadCategories } from '../format/index.js';
import { leadsLine } from './data-leads.js';
import { richText } from './rich-text.js';

/** A message to a distribution list can name hundreds; the workbook has them all. */
const RECIPIENT_LIMIT = 4;

/**
 * The subject (or why it is unknown), and under it the attachment names the evidence gives and
 * the message's leads for review.
 */
function subjectCell(context: PdfContext, message: ExposedMessage): TableCell {
  const { text } = context;
  const subject = text.subject(message);
  const below: Content[] = [
    ...(message.attachments.length === 0
      ? []
      : [
          {
            text: richText(
              text.label('attachmentsLine', { names: message.attachments.join('; ') }),
            ),
            style: 'muted',
          },
        ]),
    ...leadsLine(context, leadCategories(message.leads)),
  ];
  const head: Content[] =
    subject !== null
      ? [{ text: richText(subject) }]
      : [
          {
            text: text.label('unresolved', { reason: text.unresolved(message) ?? '' }),
            style: 'emphasis',
          },
          idCell(message.internetMessageId, 'muted'),
        ];
  const [only] = head;
  return only !== undefined && head.length === 1 && below.length === 0
    ? only
    : { stack: [...head, ...below] };
}

function messageRow(context: PdfContext, message: ExposedMessage, index: number): TableCell[] {
  const { text } = context;
  const strongest = message.exposure === 'confirmed' || message.exposure === 'forwarded';
  return [
    { text: String(index + 1), style: 'muted', alignment: 'right' },
    timeCell(context, message.date),
    message.sender === null ? plainCell(null) : addressCell([message.sender]),
    message.recipients.length === 0
      ? plainCell(null)
      : addressCell(message.recipients, RECIPIENT_LIMIT),
    subjectCell(context, message),
    {
      text: text.label(`exposure.${message.exposure}`),
      style: strongest ? 'confirmed' : 'presumed',
    },
    pathCell(message.folder),
    timeCell(context, message.firstAccess),
    refsCell(context, message.auditRecordIds, 3),
  ];
}

function columns(context: PdfContext): Column[] {
  const { text } = context;
  return [
    { header: '#', width: 20, alignment: 'right' },
    { header: text.label('column.date', { timeZone: context.report.case.timezone }), width: 64 },
    { header: text.label('column.sender'), width: 100 },
    { header: text.label('column.recipients'), width: 110 },
    { header: text.label('column.subject'), width: '*' },
    { header: text.label('column.exposure'), width: 60 },
    { header: text.label('column.folder'), width: 70 },
    { header: text.label('column.firstAccess'), width: 64 },
    { header: text.label('column.evidence'), width: 40 },
  ];
}

/**
 * One table per mailbox, its name in the header that repeats on every page; rows numbered
 * as in report.json (and the workbook).
 */
function mailboxTables(context: PdfContext, messages: ExposedMessage[]): Content[] {
  const header = columns(context);
  const groups: { mailbox: string; rows: TableCell[][] }[] = [];
  messages.forEach((message, index) => {
    let group = groups.at(-1);
    if (group?.mailbox !== message.mailbox) {
      group = { mailbox: message.mailbox, rows: [] };
      groups.push(group);
    }
    group.rows.push(messageRow(context, message, index));
  });
  return groups.map((group) => dataTable(header, group.rows, 'landscape', group.mailbox));
}

export function messagesSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const limit = Math.max(0, report.case.pdfMessageLimit);
  const shown = report.messages.slice(0, limit);
  return [
    heading(text.label('section.messages'), SECTION_IDS.messages, { orientation: 'landscape' }),
    ...paragraphs(
      text.prose('messages', {
        timeZone: report.case.timezone,
        capped: shown.length < report.messages.length,
        shown: text.count(shown.length),
        total: text.count(report.messages.length),
        redacted: report.case.redactSubjects,
        sheet: text.label('sheet.messages'),
      }),
    ),
    ...(shown.length === 0
      ? [{ text: text.label('none'), style: 'paragraph' }]
      : mailboxTables(context, shown)),
    ...(shown.length < report.messages.length
      ? [
          {
            text: text.label('messagesCapped', {
              shown: text.count(shown.length),
              total: text.count(report.messages.length),
              rest: text.count(report.messages.length - shown.length),
              sheet: text.label('sheet.messages'),
            }),
            style: 'note',
          },
        ]
      : []),
  ];
}
