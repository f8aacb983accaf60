import type { AttributionReason, AuditRecord, SignInRecord } from '../model/index.js';
import type { AttackerSessions } from './attacker-sessions.js';
import { attackerSessions, signInsOf } from './attacker-sessions.js';
import { sessionIdsOf } from './session-ids.js';
import { fromAttackerAddress } from './threat-actor.js';
import type { ThreatActor } from './threat-actor.js';

/** The order reasons are listed in, everywhere. */
export const REASON_ORDER: readonly AttributionReason[] = ['ip', 'session', 'app', 'signIn'];

export interface Attribution {
  /** Reasons of each attributed record, by record Id; a record absent here is not the attacker's. */
  reasons: Map<string, AttributionReason[]>;
  /** Sign-ins that tied an attributed record to an attacker address. */
  signIns: SignInRecord[];
}

/**
 * Rule 2 over the in-scope records: who is the attacker, and on what ground. `alsoJudged`
 * (throttled records from before the window) are judged by the sessions of `records` without
 * adding to them: sessions are what the in-scope evidence shows.
 */
export function attributeRecords(
  records: readonly AuditRecord[],
  signIns: readonly SignInRecord[],
  threatActor: ThreatActor,
  alsoJudged: readonly AuditRecord[] = [],
): Attribution {
  const sessions = attackerSessions(records, signIns, threatActor);
  const reasons = new Map<string, AttributionReason[]>();
  const usedSignIns = new Set<SignInRecord>();
  for (const record of [...records, ...alsoJudged]) {
    const found = attributionReasons(record, threatActor, sessions);
    if (found.reasons.length > 0) reasons.set(record.id, found.reasons);
    for (const signIn of found.signIns) usedSignIns.add(signIn);
  }
  return { reasons, signIns: [...usedSignIns] };
}

/**
 * Each independent ground on which the record is the attacker's:
 * - `ip`: its client address lies in a threat-actor address or range;
 * - `session`: its SessionId or AADSessionId is an attacker session (attacker-sessions.ts):
 *   listed in the case, or joined (on this or other records) to one seen from an attacker
 *   address or signed in from one. A ground derived from this record's own evidence adds
 *   nothing, so a session known only from attacker addresses is not listed on a record that
 *   is itself from one, nor one known only from sign-ins on a record tied to a sign-in itself;
 * - `app`: one of its application ids is a threat-actor app;
 * - `signIn`: its AADSessionId (or UniqueTokenId) belongs to a sign-in from an attacker
 *   address (see signInsOf).
 */
export function attributionReasons(
  record: AuditRecord,
  threatActor: ThreatActor,
  sessions: AttackerSessions,
): { reasons: AttributionReason[]; signIns: SignInRecord[] } {
  const found = new Set<AttributionReason>();
  const fromAttackerIp = fromAttackerAddress(record, threatActor);
  if (fromAttackerIp) found.add('ip');
  const signIns = signInsOf(record, sessions);
  const grounds = new Set(
    sessionIdsOf(record).flatMap((id) => [...(sessions.grounds.get(id) ?? [])]),
  );
  if (
    grounds.has('listed') ||
    (grounds.has('ip') && !fromAttackerIp) ||
    (grounds.has('signIn') && signIns.length === 0)
  ) {
    found.add('session');
  }
  if (record.appIds.some((id) => threatActor.appIds.has(id.toLowerCase()))) found.add('app');
  if (signIns.length > 0) found.add('signIn');
  return { reasons: orderReasons(found), signIns };
}

export function orderReasons(reasons: Iterable<AttributionReason>): AttributionReason[] {
  const set = new Set(reasons);
  return REASON_ORDER.filter((reason) => set.has(reason));
}
