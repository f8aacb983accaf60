import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { notificationItems, type NotificationItem } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { dataTable, heading, paragraphs } from './layout.js';
import { topicParagraphs } from './method.js';
import { richText } from './rich-text.js';

/** Larger than other tables: a worksheet is read, printed and copied from. */
const FONT_SIZE = 8.5;

/** Room to write an answer by hand in a printed worksheet. */
const ANSWER_SPACE = 54;

/**
 * A cell holds at most 200 pt (fit-content.ts cuts the rest): an item longer than this many
 * characters, such as the limitations, gets a row per paragraph, its name on the first.
 */
const ONE_ROW_LIMIT = 900;

function itemRows(context: PdfContext, item: NotificationItem): TableCell[][] {
  const name: TableCell = { text: richText(item.item), style: 'strong', fontSize: FONT_SIZE };
  if (item.forCounsel) {
    return [
      [
        name,
        {
          stack: [
            { text: context.text.label('notify.blank'), style: 'muted' },
            { text: ' ', margin: [0, 0, 0, ANSWER_SPACE] },
          ],
          fontSize: FONT_SIZE,
        },
      ],
    ];
  }
  // The limitations open each paragraph with their topic ("Throttling. ..."), as in the method.
  const length = item.prefilled.reduce((total, paragraph) => total + paragraph.length, 0);
  const groups = length > ONE_ROW_LIMIT ? item.prefilled.map((one) => [one]) : [item.prefilled];
  return groups.map((paragraphs, index) => [
    index === 0 ? name : { text: '' },
    { stack: topicParagraphs(paragraphs), fontSize: FONT_SIZE },
  ]);
}

/**
 * The notification worksheet (GDPR Art. 33(3)) on a page of its own: each item the authority
 * asks for, prefilled from the report or left blank for counsel, to print or copy from.
 */
export function notificationSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const rows = notificationItems(report, text).flatMap((item) => itemRows(context, item));
  return [
    heading(text.label('section.notification'), SECTION_IDS.notification, {
      orientation: 'portrait',
    }),
    ...paragraphs(text.prose('notification', {})),
    dataTable(
      [
        { header: text.label('column.item'), width: 140 },
        { header: text.label('column.fromAnalysis'), width: '*' },
      ],
      rows,
    ),
  ];
}
