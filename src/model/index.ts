export type * from './activity-record.js';
export { ACTIVITY_OPERATIONS, activityKindOf, namedValue } from './activity-record.js';
export type * from './attacker-activity.js';
export { noActivity } from './attacker-activity.js';
export type * from './audit-record.js';
export type * from './case-file.js';
export type * from './collection-gap.js';
export type * from './message-lookup.js';
export type * from './message-trace.js';
export type * from './problem.js';
export { compareProblems } from './problem.js';
export type * from './report.js';
export type * from './report-changes.js';
export { CHANGE_FIGURES } from './report-changes.js';
export type * from './sign-in.js';
export type * from './source-position.js';
export {
  addressInRanges,
  mappedRangeTooWide,
  parseAddressRange,
  parseClientIp,
} from './ip-address.js';
export type { AddressRange } from './ip-address.js';
export { normalizeMessageId } from './message-id.js';
export { plural } from './plural.js';
export { InputError, formatInputIssue } from './input-error.js';
export type { InputIssue } from './input-error.js';
export { compareText } from './compare-text.js';
