import { keywordHits } from '../format/index.js';
import type { SheetBuilder } from './sheet.js';
import { cellText } from './cell-text.js';

/**
 * Every keyword the leads were looked for with, per kind of data: built in or from the case
 * file, and how many exposed messages it found (left empty when subjects are withheld, as a
 * count per keyword would tell what they say).
 */
export const leadKeywordsSheet: SheetBuilder = (report, text) => {
  const hits = keywordHits(report);
  return {
    name: text.label('sheet.leadKeywords'),
    filter: true,
    columns: [
      { header: text.label('column.category'), width: 36, kind: 'text' },
      { header: text.label('column.keyword'), width: 30, kind: 'text' },
      { header: text.label('column.keywordOrigin'), width: 14, kind: 'text' },
      { header: text.label('column.leadMessages'), width: 12, kind: 'number' },
    ],
    rows: report.dataLeadRules.flatMap((rule) => {
      const own = report.case.sensitiveKeywords[rule.category] ?? [];
      return rule.keywords.map((keyword) => [
        text.label(`category.${rule.category}`),
        cellText(keyword),
        text.label(own.includes(keyword) ? 'keywordOrigin.case' : 'keywordOrigin.default'),
        report.case.redactSubjects ? null : (hits.get(rule.category)?.get(keyword) ?? 0),
      ]);
    }),
  };
};
