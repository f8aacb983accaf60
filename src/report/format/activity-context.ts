import type {
  ActivityEvent,
  ActivityState,
  AttackerActivity,
  Report,
  RuleAction,
} from '../../model/index.js';
import { compareText, noActivity } from '../../model/index.js';
import type { Templates } from './templates.js';
import type { ReportText } from './report-text.js';

/** The report's activity; a report.json written before activity was analysed has none. */
export function activityOf(report: Report): AttackerActivity {
  const activity = report.activity as AttackerActivity | undefined;
  return activity === undefined ? noActivity() : activity;
}

/**
 * The figures of page 1's sentences on what else the attacker did (`activity-summary.hbs`),
 * each count as a number (for plural choice) and formatted. Messages deleted in several steps
 * (to Deleted Items, then purged) count once.
 */
export function activityContext(report: Report, text: ReportText): Record<string, unknown> {
  const activity = activityOf(report);
  // Older report.json files have no forwarded level.
  const forwardedMessages = report.summary.forwardedMessages as number | undefined;
  const counted = (name: string, value: number): Record<string, unknown> => ({
    [name]: text.count(value),
    [`${name}Count`]: value,
  });
  const forwardingRules = activity.inboxRules.filter((rule) => rule.externalTargets.length > 0);
  const forwarding = activity.mailboxForwarding.filter((item) => item.external);
  const targets = unique([
    ...forwardingRules.flatMap((rule) => rule.externalTargets),
    ...forwarding.map((item) => item.target),
  ]);
  const distinct = (moved: boolean): number =>
    new Set(
      activity.hiddenMessages
        .filter((hidden) => (hidden.kind === 'moved') === moved)
        .map((hidden, index) =>
          hidden.internetMessageId === null
            ? `record ${index}`
            : `${hidden.mailbox}\n${hidden.internetMessageId}`,
        ),
    ).size;
  const terms = unique(
    activity.searches.flatMap((search) => (search.queryText === null ? [] : [search.queryText])),
  );
  return {
    ...counted('forwarding', forwardingRules.length + forwarding.length),
    targets: targets.join(', '),
    forwardingMailboxes: unique([
      ...forwardingRules.map((rule) => rule.mailbox),
      ...forwarding.map((item) => item.mailbox),
    ]).join(', '),
    ...counted('forwarded', forwardedMessages === undefined ? 0 : forwardedMessages),
    ...counted('otherRules', activity.inboxRules.length - forwardingRules.length),
    ...counted('sent', activity.sentMessages.length),
    sentMailboxes: unique(activity.sentMessages.map((sent) => sent.sentAs ?? sent.mailbox)).join(
      ', ',
    ),
    ...counted(
      'sentRecipients',
      new Set(activity.sentMessages.flatMap((sent) => sent.recipients)).size,
    ),
    ...counted('searches', activity.searches.length),
    searchesAudited: activity.searchesAudited,
    searchTerms: terms.map((term) => `"${term}"`).join(', '),
    ...counted('deleted', distinct(false)),
    ...counted('moved', distinct(true)),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

/** What a rule action does, in words: "forward to x@example.com", "move to \\RSS Feeds". */
export function ruleActionText(text: Templates, action: RuleAction): string {
  return text.label(`ruleAction.${action.kind}`, {
    targets: action.targets.join(', '),
    folder: action.folder ?? '',
    text: action.text,
  });
}

/**
 * Whether a rule or forwarding was still in force when the evidence ends, or when and by whom
 * it stopped: "the attacker", or the account whose record stopped it.
 */
export function activityStateText(
  text: ReportText,
  state: ActivityState,
  stoppedAt: string | null,
  events: readonly ActivityEvent[],
): string {
  if (state === 'failed') return text.label('ruleState.failed');
  if (state === 'active' || stoppedAt === null) return text.label('ruleState.active');
  const stop = events.findLast((event) => event.at === stoppedAt && event.succeeded);
  const by = stop === undefined ? '' : stop.attributed ? text.label('byAttacker') : stop.actor;
  return text.label(`ruleState.${state}`, { at: text.zoned.dateTime(stoppedAt), by });
}

/** One line per record in a rule's or forwarding's life: when, what, by whom. */
export function activityEventLines(text: ReportText, events: readonly ActivityEvent[]): string[] {
  return events.map((event) =>
    text.label('eventLine', {
      time: text.zoned.dateTime(event.at),
      kind: text.label(`eventKind.${event.kind}`),
      by: event.attributed ? text.label('byAttacker') : event.actor,
      operation: event.operation,
      failed: !event.succeeded,
    }),
  );
}
