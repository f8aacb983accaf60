import { activityOf } from '../format/index.js';
import { cellList, cellText } from './cell-text.js';
import type { SheetBuilder } from './sheet.js';

/** The attacker's searches and their terms; says so when searches were not audited at all. */
export const searchesSheet: SheetBuilder = (report, text) => {
  const activity = activityOf(report);
  return {
    name: text.label('sheet.searches'),
    filter: true,
    columns: [
      { header: text.label('column.mailbox'), width: 28, kind: 'text' },
      {
        header: `${text.label('column.searchedAt')} (${report.case.timezone})`,
        width: 20,
        kind: 'date',
      },
      { header: text.label('column.query'), width: 50, kind: 'text' },
      { header: text.label('column.querySource'), width: 18, kind: 'text' },
      { header: text.label('column.ip'), width: 22, kind: 'text' },
      { header: text.label('column.sessions'), width: 38, kind: 'list' },
      { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
    ],
    rows:
      activity.searches.length === 0 && !activity.searchesAudited
        ? [[text.label('searchesNotAudited'), null, null, null, null, null, null]]
        : activity.searches.map((search) => [
            search.mailbox,
            text.zoned.wallClock(search.searchedAt),
            search.queryText === null ? text.label('queryAbsent') : cellText(search.queryText),
            search.querySource,
            search.clientIp,
            cellList(search.sessions),
            cellList(search.auditRecordIds),
          ]),
  };
};
