import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { keyFigures, summaryContext } from '../format/index.js';
import { activitySummary } from './activity.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import {
  PAGE_SLOT,
  TABLE_LAYOUT,
  heading,
  keepWithNext,
  paragraphs,
  subheading,
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

/** Page 1's figures (format/key-figures.ts), each with the page its detail is on. */
function keyFigureTable(context: PdfContext): Content[] {
  const { report, text } = context;
  const figures = keyFigures(report, text).map((figure): TableCell[] => [
    figure.label,
    { text: figure.value, style: 'figure' },
    seePage(context, SECTION_IDS[figure.section]),
  ]);
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

/** One line above the answer when live collection left gaps: the figures may be too low. */
function incompleteCollection({ report, text }: PdfContext): Content[] {
  if ((report.collection?.gaps.length ?? 0) === 0) return [];
  const line = text.label('collectionIncomplete', {
    limitations: text.label('section.limitations'),
    page: PAGE_SLOT,
  });
  return [{ text: withPageReference(line, SECTION_IDS.limitations), style: 'warning' }];
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
    ...incompleteCollection(context),
    ...paragraphs(text.prose('summary', facts), 'answer'),
    ...activitySummary(context),
    ...keyFigureTable(context),
    ...(windows.length > 0
      ? [
          ...keepWithNext(
            subheading(text.label('section.throttling')),
            capped(context, windows, SECTION_IDS.throttling),
          ),
        ]
      : []),
    ...(folders.length > 0
      ? [
          ...keepWithNext(
            subheading(text.label('section.folders')),
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
        subheading(text.label('notCovered')),
        ...paragraphs(text.prose('not-covered', facts)),
      ],
      unbreakable: true,
    },
  ];
}
