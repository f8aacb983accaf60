import type { AttributionReason, AuditRecord, ReportSession } from '../model/index.js';
import { orderReasons } from './attribute-records.js';
import { groupBy } from './group-by.js';
import { compareInstants, earliest, latest, normalizeInstant } from './instants.js';
import { compareOptionalText, compareText, sortedUnique } from './ordering.js';
import { sessionKey } from './session-ids.js';

/**
 * The attacker's sessions: attributed records grouped by (session id, mailbox, actor). One
 * session id can span several mailboxes (delegate access) and actors; a report row names one
 * mailbox and one actor, so each combination is its own row. The session id is SessionId, else
 * AADSessionId, lower-cased; records with neither form one group per mailbox and actor with
 * `sessionId: null`.
 *
 * Sorted by firstSeen, then mailbox, actor and session id (null first): a timeline of the
 * attacker's sessions, total because (sessionId, mailbox, actor) is unique.
 */
export function groupSessions(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): ReportSession[] {
  const groups = groupBy(
    records.filter((record) => reasons.has(record.id)),
    (record) => JSON.stringify([sessionKey(record), record.mailbox, record.actor]),
  );
  const sessions: ReportSession[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const times = group.map((record) => record.creationTime);
    sessions.push({
      sessionId: sessionKey(first),
      mailbox: first.mailbox,
      actor: first.actor,
      ips: sortedUnique(group.flatMap((record) => record.clientIps)),
      firstSeen: normalizeInstant(earliest(times) ?? first.creationTime),
      lastSeen: normalizeInstant(latest(times) ?? first.creationTime),
      attributedBy: orderReasons(group.flatMap((record) => reasons.get(record.id) ?? [])),
      clientInfo: sortedUnique(
        group.flatMap((record) => (record.clientInfo === null ? [] : [record.clientInfo])),
      ),
      records: new Set(group.map((record) => record.id)).size,
      auditRecordIds: sortedUnique(group.map((record) => record.id)),
    });
  }
  return sessions.sort(
    (a, b) =>
      compareInstants(a.firstSeen, b.firstSeen) ||
      compareText(a.mailbox, b.mailbox) ||
      compareText(a.actor, b.actor) ||
      compareOptionalText(a.sessionId, b.sessionId),
  );
}
