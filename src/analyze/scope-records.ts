import type { AuditRecord, CaseFile, SignInRecord } from '../model/index.js';
import type { Attribution } from './attribute-records.js';
import { attributeRecords } from './attribute-records.js';
import { addHours, compareInstants, instant } from './instants.js';
import { compareText, sortedUnique } from './ordering.js';
import type { ThreatActor } from './threat-actor.js';
import { THROTTLE_HOURS } from './throttled-windows.js';

export interface Scope {
  /** In-scope records (one per Id), by creation time then Id. */
  records: AuditRecord[];
  /**
   * Throttled records of the same accounts and mailboxes from up to 24 hours before the window
   * (rule 6): the unaudited period they open reaches into the window. Attributed by the
   * sessions of the in-scope records (their reasons are in `attribution`), used for nothing
   * else: what they record happened before the window.
   */
  throttledBefore: AuditRecord[];
  /** Rule 2 over the in-scope records, and the reasons of `throttledBefore` by those rules. */
  attribution: Attribution;
  /** Mailboxes of others that the attacker reached through a case account, sorted. */
  delegateMailboxes: string[];
}

/** Both ends inclusive, compared as instants. */
export function inWindow(creationTime: string, window: CaseFile['window']): boolean {
  const time = instant(creationTime);
  return time >= instant(window.start) && time <= instant(window.end);
}

/** Before the window, but no more than the 24 hours a throttled window lasts (rule 6). */
function throttledIntoWindow(creationTime: string, window: CaseFile['window']): boolean {
  const time = instant(creationTime);
  return time < instant(window.start) && time >= instant(addHours(window.start, -THROTTLE_HOURS));
}

/** Rule 1's who: a case account is the record's actor or mailbox, or its mailbox is a delegate's. */
export function concernsCase(
  record: Pick<AuditRecord, 'actor' | 'mailbox'>,
  accounts: ReadonlySet<string>,
  delegates: ReadonlySet<string>,
): boolean {
  return (
    accounts.has(record.actor) || accounts.has(record.mailbox) || delegates.has(record.mailbox)
  );
}

/**
 * Rule 1. A record is in scope when it lies in the window and its actor or mailbox is a case
 * account, or its mailbox is a delegate mailbox: one that an attributed record acting as a case
 * account reached. A delegate mailbox brings in all of its records, its owner's too, so its
 * throttling and sync count; whether they are the attacker's is still decided by rule 2 alone.
 * Attribution depends on scope (the session pivot) and scope on attribution (delegates), so
 * both are recomputed until no new delegate mailbox appears; both only ever grow, so this ends.
 */
export function scopeRecords(
  records: readonly AuditRecord[],
  caseFile: CaseFile,
  threatActor: ThreatActor,
  signIns: readonly SignInRecord[],
): Scope {
  const accounts = new Set(caseFile.accounts);
  const byTime = (a: AuditRecord, b: AuditRecord) =>
    compareInstants(a.creationTime, b.creationTime) || compareText(a.id, b.id);
  const inTime = records
    .filter((record) => inWindow(record.creationTime, caseFile.window))
    .sort(byTime);
  const throttledEarlier = records
    .filter(
      (record) => record.isThrottled && throttledIntoWindow(record.creationTime, caseFile.window),
    )
    .sort(byTime);
  let delegates = new Set<string>();
  for (;;) {
    const concerned = (record: AuditRecord) => concernsCase(record, accounts, delegates);
    const scoped = inTime.filter(concerned);
    const throttledBefore = throttledEarlier.filter(concerned);
    const attribution = attributeRecords(scoped, signIns, threatActor, throttledBefore);
    const reached = new Set(delegates);
    for (const record of scoped) {
      if (
        attribution.reasons.has(record.id) &&
        accounts.has(record.actor) &&
        !accounts.has(record.mailbox)
      ) {
        reached.add(record.mailbox);
      }
    }
    if (reached.size === delegates.size) {
      return {
        records: scoped,
        throttledBefore,
        attribution,
        delegateMailboxes: sortedUnique(delegates),
      };
    }
    delegates = reached;
  }
}
