import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type {
  ActivityEvent,
  ActivityState,
  ExposedMessage,
  InboxRule,
  MailboxForwarding,
} from '../../model/index.js';
import { activityContext, activityOf, activityStateText, ruleActionText } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { addressCell, idCell, plainCell, refsCell, timeCell } from './cells.js';
import { dataTable, heading, keepWithNext, paragraphs, subheading, type Column } from './layout.js';
import { breakableAddress, breakableId, richText } from './rich-text.js';

/**
 * Page 1, part of the answer: one sentence each on forwarding (where to, how many messages
 * left), other rules, mail sent in the owner's name, searches and deletions.
 */
export function activitySummary(context: PdfContext): Content[] {
  const { report, text } = context;
  const sentences = text.prose('activity-summary', activityContext(report, text));
  return [{ text: richText(sentences.join(' ')), style: 'answer' }];
}

/** "What else the attacker did": a table per kind, each row citing its audit records. */
export function activitySection(context: PdfContext): Content[] {
  const { report, text } = context;
  const activity = activityOf(report);
  const forwarded = report.messages.filter((message) => message.exposure === 'forwarded');
  return [
    heading(text.label('section.activity'), SECTION_IDS.activity, { orientation: 'landscape' }),
    ...paragraphs(text.prose('activity', {})),
    ...part(
      context,
      'activity.rules',
      'sheet.inboxRules',
      activity.inboxRules,
      ruleColumns,
      ruleRow,
    ),
    ...part(
      context,
      'activity.forwarding',
      'sheet.forwarding',
      activity.mailboxForwarding,
      forwardingColumns,
      forwardingRow,
    ),
    ...part(
      context,
      'activity.forwarded',
      'sheet.messages',
      forwarded,
      forwardedColumns,
      forwardedRow,
    ),
    ...part(
      context,
      'activity.sent',
      'sheet.sentMail',
      activity.sentMessages,
      sentColumns,
      (c, sent) => [
        addressCell([sent.sentAs ?? sent.mailbox]),
        timeCell(c, sent.sentAt),
        plainCell(c.text.subject(sent)),
        sent.recipients.length === 0
          ? { text: c.text.label('recipientsUnknown'), style: 'muted' }
          : addressCell(sent.recipients, 6),
        refsCell(c, sent.auditRecordIds),
      ],
    ),
    ...(activity.searches.length === 0 && !activity.searchesAudited
      ? keepWithNext(subheading(text.label('activity.searches')), [
          { text: text.label('searchesNotAudited'), style: 'paragraph' },
        ])
      : part(
          context,
          'activity.searches',
          'sheet.searches',
          activity.searches,
          searchColumns,
          (c, search) => [
            addressCell([search.mailbox]),
            timeCell(c, search.searchedAt),
            search.queryText === null
              ? { text: c.text.label('queryAbsent'), style: 'muted' }
              : { text: richText(search.queryText), style: 'strong' },
            plainCell(search.querySource),
            refsCell(c, search.auditRecordIds),
          ],
        )),
    ...part(
      context,
      'activity.hidden',
      'sheet.hiddenMail',
      activity.hiddenMessages,
      hiddenColumns,
      (c, hidden) => [
        addressCell([hidden.mailbox]),
        timeCell(c, hidden.at),
        plainCell(c.text.label(`hideKind.${hidden.kind}`, { folder: hidden.toFolder ?? '' })),
        plainCell(c.text.subject(hidden)),
        idCell(hidden.internetMessageId),
        refsCell(c, hidden.auditRecordIds),
      ],
    ),
  ];
}

/** A kind's heading and table, capped like the message table; "none" when empty. */
function part<T>(
  context: PdfContext,
  title: string,
  sheet: string,
  items: readonly T[],
  columns: (context: PdfContext) => Column[],
  row: (context: PdfContext, item: T) => TableCell[],
): Content[] {
  const { text, report } = context;
  const shown = items.slice(0, Math.max(0, report.case.pdfMessageLimit));
  const body: Content[] =
    items.length === 0
      ? [{ text: text.label('none'), style: 'paragraph' }]
      : [
          dataTable(
            columns(context),
            shown.map((item) => row(context, item)),
            'landscape',
          ),
        ];
  if (shown.length < items.length) {
    body.push({
      text: text.label('activityCapped', {
        shown: text.count(shown.length),
        total: text.count(items.length),
        sheet: text.label(sheet),
      }),
      style: 'note',
    });
  }
  // A sub-heading moves to the page its table starts on (document.ts); a table is never
  // kept whole with it, since a table taller than a page would then be lost.
  return [subheading(text.label(title)), ...body];
}

function ruleColumns({ text }: PdfContext): Column[] {
  return [
    { header: text.label('column.mailbox'), width: 100 },
    { header: text.label('column.rule'), width: 70 },
    { header: text.label('column.conditions'), width: 150 },
    { header: text.label('column.actions'), width: '*' },
    { header: text.label('column.created'), width: 64 },
    { header: text.label('column.state'), width: 110 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

function ruleRow(context: PdfContext, rule: InboxRule): TableCell[] {
  const { text } = context;
  return [
    addressCell([rule.mailbox]),
    { text: richText(rule.name), style: 'strong' },
    plainCell(rule.conditions.length === 0 ? text.label('allMail') : rule.conditions.join('\n')),
    {
      text: richText(rule.actions.map((action) => ruleActionText(context.text, action)).join('\n')),
    },
    timeCell(context, rule.createdAt),
    stateCell(context, rule.state, rule.stoppedAt, rule.events),
    refsCell(context, rule.auditRecordIds),
  ];
}

/** "still active", in bold, or when and by whom it stopped. */
function stateCell(
  context: PdfContext,
  state: ActivityState,
  stoppedAt: string | null,
  events: readonly ActivityEvent[],
): TableCell {
  return {
    text: richText(activityStateText(context.text, state, stoppedAt, events)),
    style: state === 'active' ? 'strong' : 'plain',
  };
}

function forwardingColumns({ text }: PdfContext): Column[] {
  return [
    { header: text.label('column.mailbox'), width: 120 },
    { header: text.label('column.forwardedTo'), width: '*' },
    { header: text.label('column.keepsCopy'), width: 70 },
    { header: text.label('column.created'), width: 64 },
    { header: text.label('column.state'), width: 150 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

function forwardingRow(context: PdfContext, item: MailboxForwarding): TableCell[] {
  const { text } = context;
  return [
    addressCell([item.mailbox]),
    strongAddresses([item.target]),
    plainCell(text.label(item.keepsCopy === null ? 'notSaid' : item.keepsCopy ? 'yes' : 'no')),
    timeCell(context, item.setAt),
    stateCell(context, item.state, item.stoppedAt, item.events),
    refsCell(context, item.auditRecordIds),
  ];
}

function forwardedColumns({ text, report }: PdfContext): Column[] {
  return [
    { header: text.label('column.mailbox'), width: 96 },
    { header: text.label('column.date', { timeZone: report.case.timezone }), width: 64 },
    { header: text.label('column.sender'), width: 100 },
    { header: text.label('column.subject'), width: '*' },
    { header: text.label('column.forwardedTo'), width: 110 },
    { header: text.label('column.forwardedAt'), width: 64 },
    { header: text.label('column.forwardLink'), width: 150 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

function forwardedRow(context: PdfContext, message: ExposedMessage): TableCell[] {
  const { text } = context;
  const forwarding = message.forwarding;
  return [
    addressCell([message.mailbox]),
    timeCell(context, message.date),
    message.sender === null ? plainCell(null) : addressCell([message.sender]),
    plainCell(text.subject(message)),
    strongAddresses(forwarding?.targets ?? []),
    timeCell(context, forwarding?.forwardedAt ?? message.firstAccess),
    linkCell(context, forwarding),
    refsCell(context, message.auditRecordIds),
  ];
}

/**
 * Which rule or forwarding sent it, how the copy is tied to it (inferred in italics), the copy's
 * id and the trace lines: one text, so that a long id wraps instead of being cut.
 */
function linkCell({ text }: PdfContext, forwarding: ExposedMessage['forwarding']): TableCell {
  const by = richText(
    text.label(`forwardedBy.${forwarding?.by ?? 'inbox-rule'}`, { rule: forwarding?.rule ?? '' }),
  );
  const muted = { color: '#666666' };
  const copy =
    forwarding?.copyId == null
      ? []
      : [
          '\n',
          {
            text: richText(text.label('forwardCopy', { copyId: breakableId(forwarding.copyId) })),
            ...muted,
          },
        ];
  const lines = (forwarding?.trace ?? []).map((row) => String(row.line)).join(', ');
  return {
    text: [
      ...(Array.isArray(by) ? by : [by]),
      '\n',
      {
        text: text.label(`forwardLink.${forwarding?.link ?? 'same-id'}`),
        style: forwarding?.link === 'inferred' ? 'emphasis' : 'plain',
      },
      ...copy,
      '\n',
      { text: text.label('traceLines', { lines }), ...muted },
    ],
  };
}

function sentColumns({ text }: PdfContext): Column[] {
  return [
    { header: text.label('column.sentAs'), width: 120 },
    { header: text.label('column.sentAt'), width: 64 },
    { header: text.label('column.subject'), width: '*' },
    { header: text.label('column.recipients'), width: 180 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

function searchColumns({ text }: PdfContext): Column[] {
  return [
    { header: text.label('column.mailbox'), width: 140 },
    { header: text.label('column.searchedAt'), width: 64 },
    { header: text.label('column.query'), width: '*' },
    { header: text.label('column.querySource'), width: 100 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

function hiddenColumns({ text }: PdfContext): Column[] {
  return [
    { header: text.label('column.mailbox'), width: 110 },
    { header: text.label('column.when'), width: 64 },
    { header: text.label('column.what'), width: 130 },
    { header: text.label('column.subject'), width: '*' },
    { header: text.label('column.internetMessageId'), width: 170 },
    { header: text.label('column.evidence'), width: 46 },
  ];
}

/** The attacker's addresses, set apart in bold. */
function strongAddresses(addresses: readonly string[]): TableCell {
  return { text: richText(addresses.map(breakableAddress).join('\n')), style: 'strong' };
}

/**
 * When the attacker did something other than read, per mailbox, for the timeline: rule and
 * forwarding changes of the attacker's own, sent mail, searches, deletions.
 */
export function activityMoments(report: PdfContext['report']): { mailbox: string; at: string }[] {
  const activity = activityOf(report);
  return [
    ...activity.inboxRules.flatMap((rule) =>
      rule.events
        .filter((event) => event.attributed)
        .map((event) => ({ mailbox: rule.mailbox, at: event.at })),
    ),
    ...activity.mailboxForwarding.map((item) => ({ mailbox: item.mailbox, at: item.setAt })),
    ...activity.sentMessages.map((sent) => ({ mailbox: sent.mailbox, at: sent.sentAt })),
    ...activity.searches.map((search) => ({ mailbox: search.mailbox, at: search.searchedAt })),
    ...activity.hiddenMessages.map((hidden) => ({ mailbox: hidden.mailbox, at: hidden.at })),
  ];
}
