import type { AttributionReason, AuditRecord, MailboxSearch } from '../model/index.js';
import { activityKindOf } from '../model/index.js';
import { compareInstants, normalizeInstant } from './instants.js';
import { compareText } from './ordering.js';
import { sessionsOf } from './session-ids.js';

/**
 * Rule 10, searches: each attributed `SearchQueryInitiatedExchange`, with its terms when the
 * record carries them. `audited` is false when no in-scope record is a search at all, by anyone:
 * Microsoft records searches only with Audit (Premium) and only once they are enabled for the
 * mailbox, so an empty list then means "not audited", not "none". Sorted by time, then mailbox.
 */
export function mailboxSearches(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): { searches: MailboxSearch[]; audited: boolean } {
  const all = records.filter((record) => activityKindOf(record.operation) === 'search');
  const searches = all
    .filter((record) => reasons.has(record.id))
    .map((record): MailboxSearch => ({
      mailbox: record.mailbox,
      searchedAt: normalizeInstant(record.creationTime),
      queryText: record.activity?.queryText ?? null,
      querySource: record.activity?.querySource ?? null,
      sessions: sessionsOf(record),
      clientIp: record.clientIp,
      auditRecordIds: [record.id],
    }))
    .sort(
      (a, b) =>
        compareInstants(a.searchedAt, b.searchedAt) ||
        compareText(a.mailbox, b.mailbox) ||
        compareText(a.auditRecordIds.join(), b.auditRecordIds.join()),
    );
  return { searches, audited: all.length > 0 };
}
