import type { ActivityEvent, AttributionReason, AuditRecord } from '../model/index.js';
import { normalizeInstant } from './instants.js';

/**
 * A span during which the attacker's rule or mailbox forwarding sent a mailbox's mail to one
 * target (rule 11). `until` is null while still in force at the end of the evidence.
 */
export interface ForwardingPeriod {
  mailbox: string;
  by: 'inbox-rule' | 'mailbox-forwarding';
  /** The rule's name; null for mailbox forwarding. */
  rule: string | null;
  target: string;
  /** An inbox-rule forward sends a new message; a redirect and mailbox forwarding keep its id. */
  newMessage: boolean;
  from: string;
  until: string | null;
  /** The records that set up and ended it. */
  auditRecordIds: string[];
}

export function isSucceeded(record: AuditRecord): boolean {
  const status = record.activity?.resultStatus?.toLowerCase() ?? '';
  return status !== 'false' && status !== 'failed';
}

export function activityEvent(
  record: AuditRecord,
  kind: ActivityEvent['kind'],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): ActivityEvent {
  return {
    at: normalizeInstant(record.creationTime),
    kind,
    operation: record.operation,
    actor: record.actor,
    clientIp: record.clientIp,
    attributed: reasons.has(record.id),
    succeeded: isSucceeded(record),
    auditRecordId: record.id,
  };
}
