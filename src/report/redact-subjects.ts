import type { Report } from '../model/index.js';

/**
 * `report.redactSubjects`: the report model without a single subject, so that no file written
 * from it (report.json, PDF, workbook, review manifest) holds one, and a report.json rendered
 * again stays redacted. Each message that had a subject says so with `subjectWithheld`. A field
 * added to the model that holds message subjects must be emptied here too; the redacted-output
 * test scans every file of a redacted demo run for the demo's subjects.
 */
export function redactSubjects(report: Report): Report {
  return {
    ...report,
    messages: report.messages.map((message) =>
      message.subject === null ? message : { ...message, subject: null, subjectWithheld: true },
    ),
  };
}
