import ExcelJS from 'exceljs';
import type { Report } from '../../model/index.js';
import { createReportText } from '../format/index.js';
import { auditRecordsSheet } from './audit-records-sheet.js';
import { changesSheet } from './changes-sheet.js';
import { dataSubjectsSheet } from './data-subjects-sheet.js';
import { evidenceSheet, rejectedRowsSheet } from './evidence-sheet.js';
import { foldersSheet } from './folders-sheet.js';
import { forwardingSheet } from './forwarding-sheet.js';
import { hiddenMailSheet } from './hidden-mail-sheet.js';
import { inboxRulesSheet } from './inbox-rules-sheet.js';
import { leadKeywordsSheet } from './lead-keywords-sheet.js';
import { messagesSheet } from './messages-sheet.js';
import { methodSheet } from './method-sheet.js';
import { notificationSheet } from './notification-sheet.js';
import { searchesSheet } from './searches-sheet.js';
import { sentMailSheet } from './sent-mail-sheet.js';
import { sessionsSheet } from './sessions-sheet.js';
import type { SheetBuilder } from './sheet.js';
import { summarySheet } from './summary-sheet.js';
import { throttlingSheet } from './throttling-sheet.js';
import { writeSheet } from './write-sheet.js';
import { stampZipEntries } from './zip-timestamps.js';

/** The workbook's sheets, in order. Adding a sheet = one file + one line here. */
export const SHEETS: readonly SheetBuilder[] = [
  summarySheet,
  changesSheet,
  messagesSheet,
  inboxRulesSheet,
  forwardingSheet,
  sentMailSheet,
  searchesSheet,
  hiddenMailSheet,
  sessionsSheet,
  foldersSheet,
  throttlingSheet,
  dataSubjectsSheet,
  leadKeywordsSheet,
  notificationSheet,
  evidenceSheet,
  rejectedRowsSheet,
  auditRecordsSheet,
  methodSheet,
];

/**
 * The analyst's workbook, streamed to `outPath` from report.json alone. `generatedAt` is its
 * only clock: document properties and zip entry times come from it, so the same report gives
 * the same bytes.
 */
export async function renderWorkbook(report: Report, outPath: string): Promise<void> {
  const text = createReportText(report);
  const generated = new Date(report.generatedAt);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: outPath,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 6 } },
  });
  workbook.creator = `${report.tool.name} ${report.tool.version}`;
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = generated;
  workbook.modified = generated;
  workbook.title = `${report.case.id} — ${report.case.title}`;
  for (const build of SHEETS) {
    const sheet = build(report, text);
    if (sheet !== null) await writeSheet(workbook, sheet);
  }
  await workbook.commit();
  await stampZipEntries(outPath, generated);
}
