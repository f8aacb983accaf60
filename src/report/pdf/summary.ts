import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { summaryContext } from '../format/index.js';
import { activitySummary } from './activity.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import {
  PAGE_SLOT,
  TABLE_LAYOUT,
  heading,
  keepWithNext,
  paragraphs,
  withPageReference,
} from './layout.js';
import { richText } from './rich-text.js';

/** One sentence per window or folder reads well up to a point; the tables hold the rest. */
const SENTENCE_LIMIT = 12;

function seePage(context: PdfContext, id: string): TableCell {
  return {
    text: [`${context.text.label('seePage')} `, { pageReference: id }],
    style: 'muted',
    noWrap: true,
  };
}

/**
 * Page 1's figures, each saying what it counts; "at least" marks a lower bound (a whole folder
 * or mailbox whose messages the evidence cannot all name). Every message counts once, at its
 * strongest level, so the figures add up to the messages listed in the report.
 */
function keyFigures(context: PdfContext): Content[] {
  const { report, text } = context;
  const { summary } = report;
  const time = (iso: string | null): string =>
    iso === null ? text.label('none') : text.zoned.dateTime(iso);
  const figure = (label: string, value: string, section: string): TableCell[] => [
    label,
    { text: value, style: 'figure' },
    seePage(context, section),
  ];
  const count = (name: string, value: number): Record<string, unknown> => ({
    [name]: text.count(value),
    [`${name}Count`]: value,
  });
  const forwarded = summary.forwardedMessages as number | undefined;
  const figures: TableCell[][] = [
    figure(text.label('figure.mailboxes'), text.count(summary.mailboxes), SECTION_IDS.sessions),
    ...(forwarded !== undefined && forwarded > 0
      ? [figure(text.label('figure.forwarded'), text.count(forwarded), SECTION_IDS.activity)]
      : []),
    figure(
      text.label('figure.confirmed'),
      text.count(summary.confirmedMessages),
      SECTION_IDS.messages,
    ),
    ...(summary.presumedFolders > 0
      ? [
          figure(
            text.label('figure.presumedSync'),
            text.label(
              summary.unlistedFolders === summary.presumedFolders
                ? 'figure.presumedSyncUnlisted'
                : 'figure.presumedSyncValue',
              {
                ...count('folders', summary.presumedFolders),
                ...count('messages', summary.presumedSyncMessages),
              },
            ),
            SECTION_IDS.folders,
          ),
        ]
      : []),
    ...(summary.throttledMailboxes > 0
      ? [
          figure(
            text.label('figure.presumedThrottled'),
            text.label(
              summary.presumedThrottledMessages === 0
                ? 'figure.presumedThrottledUnknown'
                : 'figure.presumedThrottledValue',
              {
                ...count('mailboxes', summary.throttledMailboxes),
                ...count('messages', summary.presumedThrottledMessages),
              },
            ),
            SECTION_IDS.throttling,
          ),
        ]
      : []),
    figure(
      text.label('figure.dataSubjects'),
      text.label(
        summary.lowerBounds.dataSubjects
          ? 'figure.dataSubjectsAtLeast'
          : 'figure.dataSubjectsValue',
        {
          total: text.count(summary.personDataSubjects),
          internal: text.count(summary.internalPersonDataSubjects),
          external: text.count(summary.externalPersonDataSubjects),
          whole: summary.presumedFolders + summary.throttledMailboxes > 0,
          unresolved: summary.unresolvedMessages > 0,
        },
      ),
      SECTION_IDS.dataSubjects,
    ),
    ...(summary.nonPersonDataSubjects > 0
      ? [
          figure(
            text.label('figure.nonPersons'),
            text.label('figure.nonPersonsValue', {
              count: text.count(summary.nonPersonDataSubjects),
            }),
            SECTION_IDS.dataSubjects,
          ),
        ]
      : []),
    figure(
      text.label('figure.sessions'),
      summary.sessionMailboxRows === summary.sessions
        ? text.count(summary.sessions)
        : text.label('figure.sessionsValue', {
            ...count('sessions', summary.sessions),
            ...count('rows', summary.sessionMailboxRows),
          }),
      SECTION_IDS.sessions,
    ),
    figure(
      text.label('figure.firstAccess'),
      time(summary.firstAttackerAccess),
      SECTION_IDS.timeline,
    ),
    figure(text.label('figure.lastAccess'), time(summary.lastAttackerAccess), SECTION_IDS.timeline),
    figure(
      text.label('figure.unresolved'),
      text.count(summary.unresolvedMessages),
      SECTION_IDS.messages,
    ),
    figure(
      text.label('figure.throttledWindows'),
      text.label('figure.throttledWindowsValue', {
        ...count('windows', summary.throttledWindows),
        ...count(
          'attributed',
          report.throttledWindows.filter((window) => window.attributed).length,
        ),
      }),
      SECTION_IDS.throttling,
    ),
  ];
  return [
    {
      style: 'table',
      fontSize: 9,
      layout: TABLE_LAYOUT,
      table: { widths: [165, '*', 'auto'], body: figures, dontBreakRows: true },
    },
    {
      text: text.label('figure.note', { limitations: text.label('section.limitations') }),
      style: 'note',
    },
  ];
}

function refs(context: PdfContext, ids: string[]): string {
  return ids.map((id) => context.ref(id)).join(', ');
}

function capped(context: PdfContext, sentences: string[], sectionId: string): Content[] {
  const shown = sentences.slice(0, SENTENCE_LIMIT);
  const more = sentences.length - shown.length;
  return [
    ...shown.map((sentence) => ({ text: richText(sentence), style: 'paragraph' })),
    ...(more > 0
      ? [
          {
            text: [
              `${context.text.label('andMore', { count: context.text.count(more) })} `,
              { pageReference: sectionId },
            ],
            style: 'note',
          },
        ]
      : []),
  ];
}

/** The record the first sentence on page 1 cites: the example the note explains. */
function firstCited(report: PdfContext['report']): string[] {
  const first =
    report.throttledWindows[0]?.auditRecordIds[0] ?? report.folders[0]?.auditRecordIds[0];
  return first === undefined ? [] : [first];
}

export function summarySection(context: PdfContext): Content[] {
  const { report, text } = context;
  const facts = summaryContext(report, text);
  const windows = report.throttledWindows.map((window) =>
    text
      .prose('throttled-window', {
        mailbox: window.mailbox,
        start: text.zoned.dateTime(window.start),
        end: text.zoned.dateTime(window.end),
        attributed: window.attributed,
        refs: refs(context, window.auditRecordIds),
      })
      .join(' '),
  );
  const folders = report.folders.map((folder) =>
    text
      .prose('synced-folder', {
        mailbox: folder.mailbox,
        path: folder.path,
        syncedAt: text.zoned.dateTime(folder.syncedAt),
        listed: folder.listed,
        messages: text.count(folder.messages),
        messagesCount: folder.messages,
        stronger: text.count(folder.messages - folder.presumedMessages),
        strongerCount: folder.messages - folder.presumedMessages,
        presumed: text.count(folder.presumedMessages),
        presumedCount: folder.presumedMessages,
        refs: refs(context, folder.auditRecordIds),
      })
      .join(' '),
  );
  return [
    heading(text.label('section.summary'), SECTION_IDS.summary),
    ...paragraphs(text.prose('summary', facts), 'answer'),
    ...activitySummary(context),
    ...keyFigures(context),
    ...(windows.length > 0
      ? [
          ...keepWithNext(
            { text: text.label('section.throttling'), style: 'h2' },
            capped(context, windows, SECTION_IDS.throttling),
          ),
        ]
      : []),
    ...(folders.length > 0
      ? [
          ...keepWithNext(
            { text: text.label('section.folders'), style: 'h2' },
            capped(context, folders, SECTION_IDS.folders),
          ),
        ]
      : []),
    ...(windows.length + folders.length > 0
      ? [
          {
            text: withPageReference(
              text.label('refsNote', {
                example: refs(context, firstCited(report)),
                appendix: text.label('section.auditRecords'),
                page: PAGE_SLOT,
              }),
              SECTION_IDS.auditRecords,
            ),
            style: 'note',
          },
        ]
      : []),
    {
      stack: [
        { text: text.label('notCovered'), style: 'h2' },
        ...paragraphs(text.prose('not-covered', facts)),
      ],
      unbreakable: true,
    },
  ];
}
