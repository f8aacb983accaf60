import type { AuditRecord, SignInRecord } from '../model/index.js';
import { addressInRanges } from '../model/index.js';
import { groupBy } from './group-by.js';
import { sessionIdsOf } from './session-ids.js';
import { fromAttackerAddress } from './threat-actor.js';
import type { ThreatActor } from './threat-actor.js';

/** Sessions known to be the attacker's, by where that knowledge comes from (rule 2). */
export interface AttackerSessions {
  /** Listed in the case (lower-cased). */
  listed: ReadonlySet<string>;
  /** SessionId or AADSessionId of an in-scope record made from an attacker address. */
  seenFromAttackerIp: ReadonlySet<string>;
  /** Sign-ins made from an attacker address, by lower-cased Entra session id. */
  signInsBySession: ReadonlyMap<string, readonly SignInRecord[]>;
  /** The same sign-ins by unique token id (case kept: token ids are not GUIDs). */
  signInsByToken: ReadonlyMap<string, readonly SignInRecord[]>;
}

/**
 * Every sign-in from an attacker address counts, whatever its user or outcome: an address is
 * the attacker's by the case, and an interrupted sign-in can still hand out a session.
 */
export function attackerSessions(
  records: readonly AuditRecord[],
  signIns: readonly SignInRecord[],
  threatActor: ThreatActor,
): AttackerSessions {
  const seenFromAttackerIp = new Set<string>();
  for (const record of records) {
    if (!fromAttackerAddress(record, threatActor)) continue;
    for (const id of sessionIdsOf(record)) seenFromAttackerIp.add(id);
  }
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
  return { listed: threatActor.sessionIds, seenFromAttackerIp, signInsBySession, signInsByToken };
}
