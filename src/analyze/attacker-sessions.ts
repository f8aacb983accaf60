import type { AuditRecord, SignInRecord } from '../model/index.js';
import { addressInRanges } from '../model/index.js';
import { groupBy } from './group-by.js';
import { JoinedIds } from './joined-ids.js';
import { sessionIdsOf } from './session-ids.js';
import { fromAttackerAddress } from './threat-actor.js';
import type { ThreatActor } from './threat-actor.js';

/** What makes a session the attacker's: the case lists it, an attacker address, a sign-in. */
export type SessionGround = 'listed' | 'ip' | 'signIn';

/** Sessions known to be the attacker's, by where that knowledge comes from (rule 2). */
export interface AttackerSessions {
  /**
   * Every attacker session id (SessionId or AADSessionId, lower-cased), with the grounds of the
   * ids joined to it: listed in the case, on an in-scope record from an attacker address, or on
   * an in-scope record tied to a sign-in from one.
   */
  grounds: ReadonlyMap<string, ReadonlySet<SessionGround>>;
  /** Sign-ins made from an attacker address, by lower-cased Entra session id. */
  signInsBySession: ReadonlyMap<string, readonly SignInRecord[]>;
  /** The same sign-ins by unique token id (case kept: token ids are not GUIDs). */
  signInsByToken: ReadonlyMap<string, readonly SignInRecord[]>;
}

/**
 * Every sign-in from an attacker address counts, whatever its user or outcome: an address is
 * the attacker's by the case, and an interrupted sign-in can still hand out a session.
 *
 * The pivot crosses ids (rule 2): a record carrying both a SessionId and an AADSessionId
 * joins them into one session, and joins chain (A with B on one record, B with C on another),
 * so a ground on any id of a joined group holds for all of its ids: a fixed point in one pass.
 */
export function attackerSessions(
  records: readonly AuditRecord[],
  signIns: readonly SignInRecord[],
  threatActor: ThreatActor,
): AttackerSessions {
  const fromAttacker = signIns.filter((signIn) =>
    addressInRanges(signIn.ipAddress, threatActor.ranges),
  );
  const signInsBySession = groupBy(
    fromAttacker.filter((signIn) => (signIn.sessionId?.trim() ?? '') !== ''),
    (signIn) => signIn.sessionId?.trim().toLowerCase() ?? '',
  );
  const signInsByToken = groupBy(
    fromAttacker.filter((signIn) => (signIn.uniqueTokenId?.trim() ?? '') !== ''),
    (signIn) => signIn.uniqueTokenId?.trim() ?? '',
  );
  const joined = new JoinedIds();
  const seeds: [string, SessionGround][] = [];
  for (const id of threatActor.sessionIds) seeds.push([id, 'listed']);
  for (const record of records) {
    const ids = sessionIdsOf(record);
    joined.join(ids);
    const ground: SessionGround[] = [];
    if (fromAttackerAddress(record, threatActor)) ground.push('ip');
    if (signInsOf(record, { signInsBySession, signInsByToken }).length > 0) ground.push('signIn');
    for (const id of ids) for (const kind of ground) seeds.push([id, kind]);
  }
  const byGroup = new Map<string, Set<SessionGround>>();
  for (const [id, ground] of seeds) {
    const group = joined.groupOf(id);
    const found = byGroup.get(group);
    if (found === undefined) byGroup.set(group, new Set([ground]));
    else found.add(ground);
  }
  const grounds = new Map<string, ReadonlySet<SessionGround>>();
  for (const id of joined.ids()) {
    const found = byGroup.get(joined.groupOf(id));
    if (found !== undefined) grounds.set(id, found);
  }
  return { grounds, signInsBySession, signInsByToken };
}

/**
 * The attacker's sign-ins a record belongs to: by AADSessionId or UniqueTokenId. Only
 * AADSessionId is joined directly: that the top-level SessionId equals the Entra session id is
 * unconfirmed (FORMATS.md §4); the pivot may still reach it through a record carrying both.
 */
export function signInsOf(
  record: AuditRecord,
  sessions: Pick<AttackerSessions, 'signInsBySession' | 'signInsByToken'>,
): SignInRecord[] {
  const aadSession = record.aadSessionId?.trim().toLowerCase();
  const token = record.uniqueTokenId?.trim();
  return [
    ...(aadSession ? (sessions.signInsBySession.get(aadSession) ?? []) : []),
    ...(token ? (sessions.signInsByToken.get(token) ?? []) : []),
  ];
}
