import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { DataCategory } from '../../model/index.js';
import { keywordHits } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { dataTable, heading, keepWithNext, paragraphs } from './layout.js';
import { richText } from './rich-text.js';

/** Keywords shown per category in the table; the workbook lists every rule. */
const KEYWORD_LIMIT = 12;

/** "Lead for review: HR and salary; Financial and bank details", for a message or a person. */
export function leadsLine(context: PdfContext, categories: readonly DataCategory[]): Content[] {
  if (categories.length === 0) return [];
  const names = categories.map((category) => context.text.label(`category.${category}`));
  return [
    { text: context.text.label('leadsFor', { categories: names.join('; ') }), style: 'lead' },
  ];
}

/**
 * What kind of data the exposed messages may hold: per category, how many messages and people
 * have a lead, and the keywords that found them (most found first). Always leads for review,
 * never findings.
 */
export function dataLeadsSection(context: PdfContext): Content[] {
  const { report, text } = context;
  const hits = keywordHits(report);
  const rows = report.summary.dataLeads.map((row): TableCell[] => {
    const keywords = [...(hits.get(row.category) ?? new Map<string, number>())]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .map(([keyword, count]) => `${keyword} (${text.count(count)})`);
    const shown = keywords.slice(0, KEYWORD_LIMIT);
    return [
      { text: text.label(`category.${row.category}`), style: 'strong' },
      { text: text.count(row.messages), alignment: 'right' },
      { text: text.count(row.people), alignment: 'right' },
      keywords.length === 0
        ? { text: text.label('keywordsWithheld'), style: 'muted' }
        : {
            text: richText([...shown, ...(keywords.length > shown.length ? ['…'] : [])].join(', ')),
          },
    ];
  });
  const extra = Object.values(report.case.sensitiveKeywords).reduce(
    (total, keywords) => total + keywords.length,
    0,
  );
  return [
    ...keepWithNext(heading(text.label('section.dataLeads'), SECTION_IDS.dataLeads), [
      ...paragraphs(
        text.prose('data-leads', {
          sheet: text.label('sheet.leadKeywords'),
          extra: text.count(extra),
          extraCount: extra,
          any: rows.length > 0,
        }),
      ),
    ]),
    rows.length === 0
      ? { text: text.label('noLeads'), style: 'paragraph' }
      : dataTable(
          [
            { header: text.label('column.category'), width: 150 },
            { header: text.label('column.leadMessages'), width: 60, alignment: 'right' },
            { header: text.label('column.leadPeople'), width: 60, alignment: 'right' },
            { header: text.label('column.keywordsFound'), width: '*' },
          ],
          rows,
        ),
  ];
}
