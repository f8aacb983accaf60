import type {
  ActivityEvent,
  AttributionReason,
  AuditRecord,
  MailboxForwarding,
} from '../model/index.js';
import { activityKindOf, namedValue } from '../model/index.js';
import { isInternal } from './data-subjects.js';
import { isAddress, targetsIn } from './email-addresses.js';
import { activityEvent, isSucceeded, type ForwardingPeriod } from './forwarding-period.js';
import { groupBy } from './group-by.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { compareText, sortedUnique } from './ordering.js';
import { sessionKey } from './session-ids.js';

const FORWARDING_PARAMETERS = ['ForwardingSmtpAddress', 'ForwardingAddress'];

/**
 * Rule 10, mailbox forwarding: `Set-Mailbox` records that set `ForwardingSmtpAddress`,
 * `ForwardingAddress` or `DeliverToMailboxAndForward`, followed per mailbox in time order. A
 * parameter present but empty (or `$null`) clears it; `ForwardingAddress` wins over
 * `ForwardingSmtpAddress` when both are set, as in Exchange. Each span of one target is one
 * item, reported when an attributed record set it up; it ends when a later record (anyone's)
 * clears or replaces the target. The mailbox is the record's (the normaliser takes `Identity`). Records of other Set-Mailbox settings, and failed ones, change nothing.
 */
export function mailboxForwarding(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
  domains: readonly string[],
): { forwarding: MailboxForwarding[]; periods: ForwardingPeriod[] } {
  const changes = records
    .filter((record) => isForwardingChange(record) && isSucceeded(record))
    .sort((a, b) => compareInstants(a.creationTime, b.creationTime) || compareText(a.id, b.id));
  const forwarding: MailboxForwarding[] = [];
  const periods: ForwardingPeriod[] = [];
  for (const [mailbox, group] of groupBy(changes, (record) => record.mailbox)) {
    let smtp: string | null = null;
    let recipient: string | null = null;
    let keepsCopy: boolean | null = null;
    let current: { item: MailboxForwarding; records: AuditRecord[] } | null = null;
    const close = (record: AuditRecord, kind: ActivityEvent['kind']) => {
      if (current === null) return;
      current.item.stoppedAt = normalizeInstant(record.creationTime);
      current.item.state = 'removed';
      current.item.events.push(activityEvent(record, kind, reasons));
      current.records.push(record);
      current = null;
    };
    for (const record of group) {
      const parameters = record.activity?.parameters ?? [];
      const smtpValue = namedValue(parameters, 'ForwardingSmtpAddress');
      if (smtpValue !== undefined) smtp = targetsIn(smtpValue)[0] ?? null;
      const recipientValue = namedValue(parameters, 'ForwardingAddress');
      if (recipientValue !== undefined) recipient = targetsIn(recipientValue)[0] ?? null;
      const copy = namedValue(parameters, 'DeliverToMailboxAndForward');
      if (copy !== undefined) keepsCopy = copy?.toLowerCase() === 'true';
      const target = recipient ?? smtp;
      if (current !== null && current.item.target === target) {
        current.item.keepsCopy = keepsCopy;
        current.item.events.push(activityEvent(record, 'changed', reasons));
        current.records.push(record);
        continue;
      }
      close(record, target === null ? 'cleared' : 'changed');
      if (target === null || !reasons.has(record.id)) continue;
      const setAt = normalizeInstant(record.creationTime);
      current = {
        item: {
          mailbox,
          target,
          external: isAddress(target) && !isInternal(target, domains),
          keepsCopy,
          setAt,
          stoppedAt: null,
          state: 'active',
          events: [activityEvent(record, 'created', reasons)],
          sessions: [],
          auditRecordIds: [],
        },
        records: [record],
      };
      forwarding.push(current.item);
    }
  }
  for (const item of forwarding) {
    const ids = item.events.map((event) => event.auditRecordId);
    item.auditRecordIds = sortedUnique(ids);
    const attributedIds = new Set(ids.filter((id) => reasons.has(id)));
    item.sessions = sortedUnique(
      changes.flatMap((record) => (attributedIds.has(record.id) ? (sessionKey(record) ?? []) : [])),
    );
    periods.push({
      mailbox: item.mailbox,
      by: 'mailbox-forwarding',
      rule: null,
      target: item.target,
      newMessage: false,
      from: item.setAt,
      until: item.stoppedAt,
      auditRecordIds: item.auditRecordIds,
    });
  }
  return {
    forwarding: forwarding.sort(
      (a, b) => compareText(a.mailbox, b.mailbox) || compareInstants(a.setAt, b.setAt),
    ),
    periods,
  };
}

function isForwardingChange(record: AuditRecord): boolean {
  if (activityKindOf(record.operation) !== 'mailboxForwarding') return false;
  const parameters = record.activity?.parameters ?? [];
  return [...FORWARDING_PARAMETERS, 'DeliverToMailboxAndForward'].some(
    (name) => namedValue(parameters, name) !== undefined,
  );
}
