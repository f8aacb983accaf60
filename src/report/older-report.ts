import type { DataCategory, DataLead, Report } from '../model/index.js';

/** A field an earlier version of report.json did not have. */
function orAbsent<T>(value: T, absent: NonNullable<T>): NonNullable<T> {
  return (value as T | undefined) ?? absent;
}

/**
 * A report.json written by an earlier version, with the fields added since filled in as that
 * version knew them: no attachment names, no leads on the kind of data, no keywords of the
 * case's own, no measures taken. `render` draws the PDF and workbook of such a report without them.
 */
export function completeOlderReport(report: Report): Report {
  return {
    ...report,
    case: {
      ...report.case,
      sensitiveKeywords: orAbsent(report.case.sensitiveKeywords, {}),
      measures: orAbsent<string[]>(report.case.measures, []),
    },
    summary: { ...report.summary, dataLeads: orAbsent(report.summary.dataLeads, []) },
    messages: report.messages.map((message) => ({
      ...message,
      attachments: orAbsent<string[]>(message.attachments, []),
      leads: orAbsent<DataLead[]>(message.leads, []),
    })),
    dataSubjects: report.dataSubjects.map((subject) => ({
      ...subject,
      leads: orAbsent<DataCategory[]>(subject.leads, []),
    })),
    dataLeadRules: orAbsent(report.dataLeadRules, []),
  };
}
