import type { InboxRule, Report } from '../../model/index.js';
import { activityEventLines, activityStateText, type ReportText } from '../format/index.js';
import { cellList } from './cell-text.js';
import type { CellValue, ColumnSpec } from './sheet.js';

/** What an inbox rule and a mailbox forwarding both have: a life, and what proves it. */
type LastingChange = Pick<
  InboxRule,
  'state' | 'stoppedAt' | 'events' | 'sessions' | 'auditRecordIds'
>;

/** The columns a sheet of lasting changes ends with: when made, its state, history, proof. */
export function lastingChangeColumns(report: Report, text: ReportText): ColumnSpec[] {
  return [
    {
      header: `${text.label('column.created')} (${report.case.timezone})`,
      width: 20,
      kind: 'date',
    },
    { header: text.label('column.state'), width: 40, kind: 'prose' },
    { header: text.label('column.events'), width: 60, kind: 'list' },
    { header: text.label('column.sessions'), width: 38, kind: 'list' },
    { header: text.label('column.auditRecordIds'), width: 40, kind: 'list' },
  ];
}

/** The cells under `lastingChangeColumns`. */
export function lastingChangeCells(
  text: ReportText,
  change: LastingChange,
  createdAt: string | null,
): CellValue[] {
  return [
    createdAt === null ? null : text.zoned.wallClock(createdAt),
    activityStateText(text, change.state, change.stoppedAt, change.events),
    cellList(activityEventLines(text, change.events)),
    cellList(change.sessions),
    cellList(change.auditRecordIds),
  ];
}
