import type {
  AttackerActivity,
  AttributionReason,
  AuditRecord,
  TraceRecord,
} from '../model/index.js';
import type { ForwardingPeriod } from './forwarding-period.js';
import { hiddenMessages } from './hidden-messages.js';
import { inboxRules } from './inbox-rules.js';
import { mailboxForwarding } from './mailbox-forwarding.js';
import { mailboxSearches } from './mailbox-searches.js';
import { sentMessages } from './sent-messages.js';

export interface ActivityAnalysis {
  activity: AttackerActivity;
  /** When each rule or forwarding sent mail to which target (for rule 11). */
  periods: ForwardingPeriod[];
  /** Message ids the attacker sent: their trace rows to a target are not forwarded mail. */
  sentIds: Set<string>;
  /** Trace rows that named the recipients of sent mail. */
  evidence: TraceRecord[];
}

/**
 * Rule 10 over already-scoped records and their attribution reasons (rules 1-3): inbox rules,
 * mailbox forwarding, sent mail, searches, deleted and hidden mail. Pure; each kind is in its
 * own file and needs only the records of its own operations.
 */
export function attackerActivity(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  trace: readonly TraceRecord[],
  domains: readonly string[],
): ActivityAnalysis {
  const rules = inboxRules(records, reasons, domains);
  const forwarding = mailboxForwarding(records, reasons, domains);
  const sent = sentMessages(records, reasons, trace);
  const searches = mailboxSearches(records, reasons);
  return {
    activity: {
      inboxRules: rules.rules,
      mailboxForwarding: forwarding.forwarding,
      sentMessages: sent.messages,
      searches: searches.searches,
      searchesAudited: searches.audited,
      hiddenMessages: hiddenMessages(records, reasons),
    },
    periods: [...rules.periods, ...forwarding.periods],
    sentIds: new Set(sent.messages.flatMap((message) => message.internetMessageId ?? [])),
    evidence: sent.evidence,
  };
}

/** Every audit record id the activity cites. */
export function activityRecordIds(activity: AttackerActivity): string[] {
  return [
    ...activity.inboxRules,
    ...activity.mailboxForwarding,
    ...activity.sentMessages,
    ...activity.searches,
    ...activity.hiddenMessages,
  ].flatMap((item) => item.auditRecordIds);
}
