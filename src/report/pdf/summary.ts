import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { summaryContext } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { TABLE_LAYOUT, heading, paragraphs } from './layout.js';
import { richText } from './rich-text.js';

/** One sentence per window or folder reads well up to a point; the tables hold the rest. */
const SENTENCE_LIMIT = 12;

function seePage(context: PdfContext, id: string): TableCell {
  return {
    text: [`${context.text.label('seePage')} `, { pageReference: id }],
    style: 'muted',
  };
}

function keyFigures(context: PdfContext): Content {
  const { report, text } = context;
  const { summary } = report;
  const time = (iso: string | null): string =>
    iso === null ? text.label('none') : text.zoned.dateTime(iso);
  const figure = (label: string, value: string, section: string): TableCell[] => [
    label,
    { text: value, style: 'figure' },
    seePage(context, section),
  ];
  const figures: TableCell[][] = [
    figure(text.label('figure.mailboxes'), text.count(summary.mailboxes), SECTION_IDS.sessions),
    figure(
      text.label('figure.confirmed'),
      text.count(summary.confirmedMessages),
      SECTION_IDS.messages,
    ),
    figure(
      text.label('figure.presumed'),
      text.count(summary.presumedMessages),
      SECTION_IDS.messages,
    ),
    figure(
      text.label('figure.dataSubjects'),
      text.label('figure.dataSubjectsValue', {
        total: text.count(summary.dataSubjects),
        internal: text.count(summary.internalDataSubjects),
        external: text.count(summary.externalDataSubjects),
      }),
      SECTION_IDS.dataSubjects,
    ),
    figure(
      text.label('figure.firstAccess'),
      time(summary.firstAttackerAccess),
      SECTION_IDS.timeline,
    ),
    figure(text.label('figure.lastAccess'), time(summary.lastAttackerAccess), SECTION_IDS.timeline),
    figure(text.label('figure.sessions'), text.count(summary.sessions), SECTION_IDS.sessions),
    figure(
      text.label('figure.syncedFolders'),
      text.count(summary.syncedFolders),
      SECTION_IDS.folders,
    ),
    figure(
      text.label('figure.throttledWindows'),
      text.count(summary.throttledWindows),
      SECTION_IDS.throttling,
    ),
    figure(
      text.label('figure.unresolved'),
      text.count(summary.unresolvedMessages),
      SECTION_IDS.messages,
    ),
  ];
  return {
    style: 'table',
    fontSize: 9,
    layout: TABLE_LAYOUT,
    table: { widths: ['*', 'auto', 'auto'], body: figures },
  };
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
        refs: refs(context, folder.auditRecordIds),
      })
      .join(' '),
  );
  return [
    heading(text.label('section.summary'), SECTION_IDS.summary),
    ...paragraphs(text.prose('summary', facts), 'answer'),
    keyFigures(context),
    ...(windows.length > 0
      ? [
          { text: text.label('section.throttling'), style: 'h2' },
          ...capped(context, windows, SECTION_IDS.throttling),
        ]
      : []),
    ...(folders.length > 0
      ? [
          { text: text.label('section.folders'), style: 'h2' },
          ...capped(context, folders, SECTION_IDS.folders),
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
