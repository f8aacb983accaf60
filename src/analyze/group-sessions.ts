import type { AttributionReason, AuditRecord, ReportSession } from '../model/index.js';
import { orderReasons } from './attribute-records.js';
import { groupBy } from './group-by.js';
import { compareInstants, earliest, latest, normalizeInstant } from './instants.js';
import { compareOptionalText, compareText, sortedUnique } from './ordering.js';
import { sessionIdsOf, sessionKey } from './session-ids.js';

/**
 * The attacker's sessions: attributed records grouped by (session, mailbox, actor). One
 * session can span several mailboxes (delegate access) and actors; a report row names one
 * mailbox and one actor, so each combination is its own row, and `session` numbers the
 * distinct session the row belongs to (DESIGN.md: a session seen on several mailboxes is still
 * one session).
 * - A row's session id is SessionId, else AADSessionId, lower-cased. A record with neither
 *   belongs to the session of its application (AppId/ClientAppId), else of its client address:
 *   its row has `sessionId: null`.
 * - Distinct sessions: ids that one record carries together (SessionId and AADSessionId) are
 *   one session, as attribution joins them (rule 2), to a fixed point. They are numbered from
 *   1 in order of first activity, then by their smallest id.
 *
 * Rows are sorted by firstSeen, then mailbox, actor and session id (null first), then the key
 * of a session without id: a timeline of the attacker's sessions, and a total order.
 */
export function groupSessions(
  records: readonly AuditRecord[],
  reasons: ReadonlyMap<string, readonly AttributionReason[]>,
): ReportSession[] {
  const attributed = records.filter((record) => reasons.has(record.id));
  const sessionOf = distinctSessions(attributed);
  const groups = groupBy(attributed, (record) =>
    JSON.stringify([rowKey(record), record.mailbox, record.actor]),
  );
  const rows: { row: Omit<ReportSession, 'session'>; key: string; distinct: string }[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const times = group.map((record) => record.creationTime);
    rows.push({
      key: rowKey(first),
      distinct: sessionOf(first),
      row: {
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
      },
    });
  }
  rows.sort(
    (a, b) =>
      compareInstants(a.row.firstSeen, b.row.firstSeen) ||
      compareText(a.row.mailbox, b.row.mailbox) ||
      compareText(a.row.actor, b.row.actor) ||
      compareOptionalText(a.row.sessionId, b.row.sessionId) ||
      compareText(a.key, b.key),
  );
  const numbers = numberSessions(rows);
  return rows.map(({ row, distinct }) => ({ ...row, session: numbers.get(distinct) ?? 0 }));
}

/** The key of a record's row: its session id, else its application, else its address. */
function rowKey(record: AuditRecord): string {
  const id = sessionKey(record);
  if (id !== null) return id;
  const [app] = record.appIds;
  if (app !== undefined) return `app:${app}`;
  return `ip:${record.clientIp ?? record.clientIpRaw ?? ''}`;
}

/**
 * Which distinct session each record belongs to, by a representative key: the session ids
 * the records carry together are joined (union-find), records without one keep their row key.
 */
function distinctSessions(records: readonly AuditRecord[]): (record: AuditRecord) => string {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) {
      root = up;
    }
    if (root !== key) parent.set(key, root);
    return root;
  };
  const join = (a: string, b: string): void => {
    const [rootA, rootB] = [find(a), find(b)];
    if (rootA === rootB) return;
    // The smaller key represents the session, so the choice does not hang on record order.
    if (compareText(rootA, rootB) < 0) parent.set(rootB, rootA);
    else parent.set(rootA, rootB);
  };
  for (const record of records) {
    const [first, ...others] = sessionIdsOf(record);
    if (first === undefined) continue;
    find(first);
    for (const other of others) join(first, other);
  }
  return (record) => {
    const [first] = sessionIdsOf(record);
    return first === undefined ? rowKey(record) : find(first);
  };
}

/** 1, 2, ... by each session's first row (rows are already in time order). */
function numberSessions(rows: readonly { distinct: string }[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const { distinct } of rows) {
    if (!numbers.has(distinct)) numbers.set(distinct, numbers.size + 1);
  }
  return numbers;
}
