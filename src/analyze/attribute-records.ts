import type { AttributionReason, AuditRecord, SignInRecord } from '../model/index.js';
import type { AttackerSessions } from './attacker-sessions.js';
import { attackerSessions } from './attacker-sessions.js';
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

/** Rule 2 over the in-scope records: who is the attacker, and on what ground. */
export function attributeRecords(
  records: readonly AuditRecord[],
  signIns: readonly SignInRecord[],
  threatActor: ThreatActor,
): Attribution {
  const sessions = attackerSessions(records, signIns, threatActor);
  const reasons = new Map<string, AttributionReason[]>();
  const usedSignIns = new Set<SignInRecord>();
  for (const record of records) {
    const found = attributionReasons(record, threatActor, sessions);
    if (found.reasons.length > 0) reasons.set(record.id, found.reasons);
    for (const signIn of found.signIns) usedSignIns.add(signIn);
  }
  return { reasons, signIns: [...usedSignIns] };
}

/**
 * Each independent ground on which the record is the attacker's:
 * - `ip`: its client address lies in a threat-actor address or range;
 * - `session`: its SessionId or AADSessionId is listed in the case, or was seen on an in-scope
 *   record from an attacker address. The latter is derived from `ip` evidence, so on a record
 *   that is itself from an attacker address it adds nothing and is not listed;
 * - `app`: one of its application ids is a threat-actor app;
 * - `signIn`: its AADSessionId (or UniqueTokenId) belongs to a sign-in from an attacker
 *   address. Only AADSessionId is joined: that the top-level SessionId equals the Entra session
 *   id is unconfirmed (FORMATS.md §4).
 */
export function attributionReasons(
  record: AuditRecord,
  threatActor: ThreatActor,
  sessions: AttackerSessions,
): { reasons: AttributionReason[]; signIns: SignInRecord[] } {
  const found = new Set<AttributionReason>();
  const fromAttackerIp = fromAttackerAddress(record, threatActor);
  if (fromAttackerIp) found.add('ip');
  const ids = sessionIdsOf(record);
  if (
    ids.some((id) => sessions.listed.has(id)) ||
    (!fromAttackerIp && ids.some((id) => sessions.seenFromAttackerIp.has(id)))
  ) {
    found.add('session');
  }
  if (record.appIds.some((id) => threatActor.appIds.has(id.toLowerCase()))) found.add('app');
  const aadSession = record.aadSessionId?.trim().toLowerCase();
  const token = record.uniqueTokenId?.trim();
  const signIns = [
    ...(aadSession ? (sessions.signInsBySession.get(aadSession) ?? []) : []),
    ...(token ? (sessions.signInsByToken.get(token) ?? []) : []),
  ];
  if (signIns.length > 0) found.add('signIn');
  return { reasons: orderReasons(found), signIns };
}

export function orderReasons(reasons: Iterable<AttributionReason>): AttributionReason[] {
  const set = new Set(reasons);
  return REASON_ORDER.filter((reason) => set.has(reason));
}
