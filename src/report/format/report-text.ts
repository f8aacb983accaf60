import type { ExposedMessage, Report, UnresolvedReason } from '../../model/index.js';
import { intlTag, resolveLocale, type Locale } from './locale.js';
import { loadTemplates, type Templates } from './templates.js';
import { createZonedTime, type ZonedTime } from './zoned-time.js';

/** Everything a renderer needs to turn report.json values into words for the case's reader. */
export interface ReportText extends Templates {
  locale: Locale;
  timeZone: string;
  zoned: ZonedTime;
  /** A count with the locale's digit grouping. */
  count(value: number): string;
  /** The subject as it may be shown: withheld when the case redacts subjects. */
  subject(item: { subject: string | null; subjectWithheld?: boolean }): string | null;
  /** Why the message's sender and recipients are unknown, in the locale; null when known. */
  unresolved(message: ExposedMessage): string | null;
}

export function createReportText(report: Report): ReportText {
  const locale = resolveLocale(report.case.locale);
  const templates = loadTemplates(locale);
  const numbers = new Intl.NumberFormat(intlTag(locale));
  const withheld = templates.label('subjectWithheld');
  const zoned = createZonedTime(report.case.timezone, locale);
  const reason = (unresolved: UnresolvedReason): string => {
    switch (unresolved.code) {
      case 'lookup-not-found':
        return templates.label('unresolved.lookup-not-found', { detail: unresolved.detail });
      case 'no-message-trace':
        return templates.label('unresolved.no-message-trace');
      case 'not-in-message-trace':
        return unresolved.traceFrom === null || unresolved.traceTo === null
          ? templates.label('unresolved.not-in-message-trace-undated')
          : templates.label('unresolved.not-in-message-trace', {
              from: zoned.date(unresolved.traceFrom),
              to: zoned.date(unresolved.traceTo),
            });
      case 'source-names-nobody':
        return templates.label('unresolved.source-names-nobody', {
          source: templates.label(`metadataSource.${unresolved.source}`),
        });
    }
  };
  return {
    ...templates,
    locale,
    timeZone: report.case.timezone,
    zoned,
    count: (value) => numbers.format(value),
    // A report.json written before redaction held may still carry subjects: never show them.
    subject: (message) =>
      message.subjectWithheld === true || (report.case.redactSubjects && message.subject !== null)
        ? withheld
        : message.subject,
    unresolved: (message) => {
      // A report.json written before the codes has only the English sentence.
      const reasons = message.unresolvedReasons as UnresolvedReason[] | undefined;
      return reasons === undefined || reasons.length === 0
        ? message.unresolvedReason
        : reasons.map(reason).join('; ');
    },
  };
}
