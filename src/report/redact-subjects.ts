import type { AttackerActivity, Report } from '../model/index.js';

/**
 * `report.redactSubjects`: the report model without a single subject, so that no file written
 * from it (report.json, PDF, workbook, review manifest) holds one, and a report.json rendered
 * again stays redacted. Each exposed message that had a subject says so with
 * `subjectWithheld`; the attacker's sent and hidden messages lose theirs under
 * `case.redactSubjects`; attachment names go, and leads keep their kind of data without the
 * keyword that found them. A field added to the model that holds message subjects must be
 * emptied here too: the redacted-output test scans every file of a redacted demo run for every
 * `subject` of the plain one.
 */
export function redactSubjects(report: Report): Report {
  // A report.json written before activity was analysed has none.
  const activity = report.activity as AttackerActivity | undefined;
  return {
    ...report,
    messages: report.messages.map((message) => ({
      ...message,
      ...(message.subject === null ? {} : { subject: null, subjectWithheld: true }),
      // Attachment names say as much as a subject; a lead keeps its kind of data, not its word.
      attachments: [],
      leads: message.leads.map((lead) => ({ ...lead, keyword: null })),
    })),
    ...(activity === undefined
      ? {}
      : {
          activity: {
            ...activity,
            sentMessages: activity.sentMessages.map((message) => ({ ...message, subject: null })),
            hiddenMessages: activity.hiddenMessages.map((message) => ({
              ...message,
              subject: null,
            })),
          },
        }),
  };
}
