import type { ExposedMessage, Report } from '../../model/index.js';
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
  subject(message: ExposedMessage): string | null;
}

export function createReportText(report: Report): ReportText {
  const locale = resolveLocale(report.case.locale);
  const templates = loadTemplates(locale);
  const numbers = new Intl.NumberFormat(intlTag(locale));
  const withheld = templates.label('subjectWithheld');
  return {
    ...templates,
    locale,
    timeZone: report.case.timezone,
    zoned: createZonedTime(report.case.timezone, locale),
    count: (value) => numbers.format(value),
    subject: (message) =>
      report.case.redactSubjects && message.subject !== null ? withheld : message.subject,
  };
}
