import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { intlTag } from '../format/index.js';
import { activitySection } from './activity.js';
import type { PdfContext } from './context.js';
import { changesSection } from './changes.js';
import { cover } from './cover.js';
import { dataLeadsSection } from './data-leads.js';
import { dataSubjectsSection } from './data-subjects.js';
import { notificationSection } from './notification.js';
import { auditRecordsSection, evidenceSection } from './evidence.js';
import { foldersSection, throttlingSection } from './folders.js';
import { fitContent } from './fit-content.js';
import { anchorHeadings, endsPageAlone } from './page-flow.js';
import { styles } from './layout.js';
import { messagesSection } from './messages.js';
import { methodSections } from './method.js';
import { richText } from './rich-text.js';
import { clientsAppendix, sessionsSection } from './sessions.js';
import { summarySection } from './summary.js';
import { timelineSection } from './timeline-chart.js';

const MARGIN_X = 40;
const DEFAULT_STYLE = { font: 'Roboto', fontSize: 9, lineHeight: 1.15 } as const;

const CONTENTS_ID = 'contents';
/** A mark right after the contents, to see where they end (their rows do not say). */
const CONTENTS_END_ID = 'contents-end';

function tableOfContents({ text }: PdfContext): Content[] {
  return [
    { text: text.label('contents'), id: CONTENTS_ID, style: 'h1' },
    { toc: { textStyle: { fontSize: 10 } } },
    { text: '\u200b', id: CONTENTS_END_ID, fontSize: 1 },
  ];
}

/**
 * Page 1 holds the answer alone: the contents start on page 2, right after the summary when
 * the summary runs onto it and they fit below it whole, so that no page stays nearly empty and
 * no entry stands alone on the next page. No heading ends a page.
 */
const pageBreakBefore: TDocumentDefinitions['pageBreakBefore'] = (node, nodes) =>
  (node.id === CONTENTS_ID &&
    (node.startPosition.pageNumber === 1 ||
      !nodes
        .getFollowingNodesOnPage()
        .some(
          (next) =>
            next.id === CONTENTS_END_ID &&
            next.startPosition.pageNumber === node.startPosition.pageNumber,
        ))) ||
  endsPageAlone(node, nodes);

function header({ report }: PdfContext): TDocumentDefinitions['header'] {
  return (page) =>
    page === 1
      ? null
      : {
          columns: [
            { text: report.case.id, style: 'strong' },
            { text: richText(report.case.classification ?? ''), alignment: 'right' },
          ],
          margin: [MARGIN_X, 22, MARGIN_X, 0],
          fontSize: 7.5,
          color: '#555555',
        };
}

function footer({ report, text }: PdfContext): TDocumentDefinitions['footer'] {
  return (page, pages) => ({
    columns: [
      { text: richText(`${report.case.id} · ${report.case.organization}`) },
      { text: text.label('pageOf', { page, pages }), alignment: 'right' },
    ],
    margin: [MARGIN_X, 14, MARGIN_X, 0],
    fontSize: 7.5,
    color: '#555555',
  });
}

/**
 * The block before a section that starts a new page keeps no bottom margin: pdfmake opens a
 * page for a margin that no longer fits, and the section's own break then left it blank (a
 * session table that filled its page exactly was followed by an empty page).
 */
function endingFlush(blocks: Content[]): Content[] {
  return blocks.map((block, index) => {
    const next = blocks[index + 1];
    const breaks = typeof next === 'object' && 'pageBreak' in next && next.pageBreak === 'before';
    return breaks && typeof block === 'object' && !Array.isArray(block)
      ? { ...block, marginBottom: 0 }
      : block;
  });
}

/** The whole report; `generatedAt` is the only clock, so the same report gives the same bytes. */
export function documentDefinition(context: PdfContext): TDocumentDefinitions {
  const { report, text } = context;
  const generated = new Date(report.generatedAt);
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, 48, MARGIN_X, 44],
    language: intlTag(text.locale),
    info: {
      title: `${report.case.id} — ${report.case.title}`,
      author: report.case.preparedBy ?? report.tool.name,
      subject: text.label('documentSubject', { organization: report.case.organization }),
      keywords: `${report.case.id}, ${report.case.organization}, GDPR`,
      creator: `${report.tool.name} ${report.tool.version}`,
      producer: `${report.tool.name} ${report.tool.version} (pdfmake)`,
      creationDate: generated,
      modDate: generated,
    },
    header: header(context),
    footer: footer(context),
    defaultStyle: DEFAULT_STYLE,
    styles,
    pageBreakBefore,
    // Every table row must fit on a page (pdfmake drops one that does not); all text drawable.
    content: anchorHeadings(
      fitContent(
        endingFlush([
          ...cover(context),
          ...summarySection(context),
          ...tableOfContents(context),
          ...changesSection(context),
          ...timelineSection(context),
          ...sessionsSection(context),
          ...messagesSection(context),
          ...activitySection(context),
          ...foldersSection(context),
          ...throttlingSection(context),
          ...dataSubjectsSection(context),
          ...dataLeadsSection(context),
          ...notificationSection(context),
          ...methodSections(context),
          ...evidenceSection(context),
          ...auditRecordsSection(context),
          ...clientsAppendix(context),
        ]),
        {
          styles,
          fontSize: DEFAULT_STYLE.fontSize,
          lineSpacing: DEFAULT_STYLE.lineHeight,
          cutNote: text.label('cellCut'),
          cutNoteStyle: 'cutNote',
        },
      ),
    ),
  };
}
