import type { Report } from '../../model/index.js';
import { activityContext } from './activity-context.js';
import { keyFigures, type KeyFigure } from './key-figures.js';
import type { ReportText } from './report-text.js';
import { methodContext } from './summary-context.js';

/** One item of the notification to the supervisory authority (GDPR Art. 33(3)). */
export interface NotificationItem {
  /** What the authority asks. */
  item: string;
  /** What the analysis gives, one paragraph or line each; empty when counsel alone answers. */
  prefilled: string[];
  /** Whether the item is left for counsel to answer. */
  forCounsel: boolean;
}

/** The figures on the messages concerned, as page 1 words them. */
const MESSAGE_FIGURES: ReadonlySet<KeyFigure['key']> = new Set([
  'forwarded',
  'confirmed',
  'presumedSync',
  'presumedThrottled',
  'unresolved',
]);

/**
 * The notification worksheet: what Art. 33(3) asks for, prefilled from the report where the
 * evidence answers (nature, period, people and messages with their lower bounds, kinds of data
 * from the leads, what is known and what cannot be, the case's measures), blank where only
 * counsel can (awareness, contact, consequences, proposed measures, the Art. 34 decision).
 * Shared by the PDF and the workbook.
 */
export function notificationItems(report: Report, text: ReportText): NotificationItem[] {
  const { summary } = report;
  const facts = methodContext(report, text);
  const prefilled = (key: string, lines: string[]): NotificationItem => ({
    item: text.label(key),
    prefilled: lines,
    forCounsel: false,
  });
  const blank = (key: string): NotificationItem => ({
    item: text.label(key),
    prefilled: [],
    forCounsel: true,
  });
  const leads = summary.dataLeads.map((lead) =>
    text.label('notify.leadCount', {
      category: text.label(`category.${lead.category}`),
      messages: text.count(lead.messages),
      messagesCount: lead.messages,
    }),
  );
  return [
    prefilled('notify.nature', [
      text
        .prose('notification-nature', {
          ...facts,
          activitySentences: text
            .prose('activity-summary', activityContext(report, text))
            .join(' '),
        })
        .join(' '),
    ]),
    prefilled('notify.period', [
      summary.firstAttackerAccess === null || summary.lastAttackerAccess === null
        ? text.label('notify.periodNone', facts)
        : text.label('notify.periodValue', {
            ...facts,
            first: text.zoned.dateTime(summary.firstAttackerAccess),
            last: text.zoned.dateTime(summary.lastAttackerAccess),
          }),
    ]),
    prefilled(
      'notify.subjects',
      text.prose('notification-subjects', {
        ...facts,
        section: text.label('section.dataSubjects'),
      }),
    ),
    prefilled(
      'notify.records',
      keyFigures(report, text)
        .filter((figure) => MESSAGE_FIGURES.has(figure.key))
        .map((figure) => `${figure.label}: ${figure.value}`),
    ),
    prefilled(
      'notify.data',
      text.prose('notification-data', { anyLeads: leads.length > 0, leads: leads.join('; ') }),
    ),
    prefilled('notify.known', [text.label('notify.knownValue')]),
    prefilled('notify.unknowable', text.prose('limitations', facts)),
    prefilled(
      'notify.measures',
      report.case.measures.length === 0
        ? [text.label('notify.measuresNone')]
        : report.case.measures,
    ),
    blank('notify.awareness'),
    blank('notify.contact'),
    blank('notify.consequences'),
    blank('notify.proposed'),
    blank('notify.art34'),
  ];
}
