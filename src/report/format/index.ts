export { createReportText, type ReportText } from './report-text.js';
export { LOCALES, intlTag, resolveLocale, type Locale } from './locale.js';
export { readLocaleLabels } from './templates.js';
export { createZonedTime, type ZonedTime } from './zoned-time.js';
export { concernedMailboxes, methodContext, summaryContext } from './summary-context.js';
export { splitTopic } from './topic.js';
export {
  activityContext,
  activityEventLines,
  activityOf,
  activityStateText,
  ruleActionText,
} from './activity-context.js';
export {
  changesContext,
  changesOf,
  levelText,
  messageChangeRows,
  people,
  personKindText,
  type MessageChangeRow,
} from './changes-context.js';
export { keywordHits, leadCategories, leadLines } from './data-leads.js';
export { keyFigures, type KeyFigure } from './key-figures.js';
export { notificationItems, type NotificationItem } from './notification.js';
export { clientKind, type ClientKind } from './client-kind.js';
