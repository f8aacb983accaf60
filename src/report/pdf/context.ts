import type { Report } from '../../model/index.js';
import { createReportText, type ReportText } from '../format/index.js';

/** What every section of the PDF reads: the report, its words, and audit record references. */
export interface PdfContext {
  report: Report;
  text: ReportText;
  /**
   * `R12`: the record's 1-based place in report.auditRecords, short enough for a table cell;
   * the evidence appendix and the workbook's Audit records sheet list them in that order.
   */
  ref(auditRecordId: string): string;
  /** The record's place in report.auditRecords (time order), without citing it. */
  position(auditRecordId: string): number;
  /** Indexes (into report.auditRecords) of the records cited so far, for the appendix. */
  cited(): number[];
}

export function createPdfContext(report: Report): PdfContext {
  const indexes = new Map(report.auditRecords.map((record, index) => [record.id, index]));
  const cited = new Set<number>();
  return {
    report,
    text: createReportText(report),
    ref: (id) => {
      const index = indexes.get(id);
      if (index === undefined) return id;
      cited.add(index);
      return `R${index + 1}`;
    },
    position: (id) => indexes.get(id) ?? Number.MAX_SAFE_INTEGER,
    cited: () => [...cited].sort((a, b) => a - b),
  };
}

/** Section anchors, for the table of contents and "see page n" references. */
export const SECTION_IDS = {
  summary: 'section-summary',
  changes: 'section-changes',
  timeline: 'section-timeline',
  sessions: 'section-sessions',
  messages: 'section-messages',
  activity: 'section-activity',
  folders: 'section-folders',
  throttling: 'section-throttling',
  dataSubjects: 'section-data-subjects',
  dataLeads: 'section-data-leads',
  notification: 'section-notification',
  method: 'section-method',
  limitations: 'section-limitations',
  evidence: 'section-evidence',
  auditRecords: 'section-audit-records',
} as const;
