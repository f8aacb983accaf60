import type { AuditRecord, CaseFile, SignInRecord } from '../model/index.js';
import { activityKindOf } from '../model/index.js';
import { attackerSessions, signInsOf, type AttackerSessions } from './attacker-sessions.js';
import { contentFingerprint } from './conflicting-copies.js';
import { addHours, instant } from './instants.js';
import { sessionIdsOf } from './session-ids.js';
import { fromAttackerAddress, type ThreatActor } from './threat-actor.js';
import { THROTTLE_HOURS } from './throttled-windows.js';

/** The flags of ScopeFacts; the first five are the key's identity (see scope-keys.ts). */
export const BEFORE = 1;
export const FIXED = 2;
export const GROUNDS = 4;
export const ACCOUNT = 8;
export const THROTTLED = 16;
export const ATTACKER_IP = 32;
export const ATTACKER_APP = 64;
export const ACTOR_ACCOUNT = 128;
export const SIGNED_IN = 256;
export const IDENTITY = BEFORE | ATTACKER_IP | ATTACKER_APP | ACTOR_ACCOUNT | SIGNED_IN;

/**
 * The columns of a record's scope key (scope-keys.ts), for a record some scope can include:
 * in the window, or throttled in the 24 hours before it.
 */
export interface ScopeFacts {
  /** The flags above: period, the attacker's address, app or sign-in, the case accounts. */
  flags: number;
  time: string;
  actor: string;
  mailbox: string;
  sessionId: string | null;
  aadSessionId: string | null;
  /** The record's unique token id when an attacker sign-in has it, else null. */
  token: string | null;
  /** The record's addresses when one is the attacker's, else empty. */
  clientIps: string[];
  /** The record's app ids when one is the attacker's, else empty. */
  appIds: string[];
}

/** Rule 10 reads these whatever their attribution (see AuditAccumulator). */
export type ReadWhatever = 'rule' | 'search' | null;

/**
 * Everything one record contributes to the reading's running state (AuditAccumulator), and
 * nothing that depends on the records before it: so it can be computed anywhere, in any order
 * (a worker thread parsing part of a file), and applied in file order afterwards.
 */
export interface AuditSighting {
  id: string;
  /** contentFingerprint's two halves. */
  fingerprint: readonly [number, number];
  /** Null when no scope can ever include the record. */
  scope: ScopeFacts | null;
  /** sessionIdsOf the record, for the running session pivot. */
  sessions: readonly string[];
  readWhatever: ReadWhatever;
}

/** Distinct address lists remembered (they repeat a lot), before the memory is cleared. */
const ADDRESS_CACHE = 1 << 16;
/** Shared by every sighting without them; never changed. */
const NONE: string[] = [];

/**
 * Computes sightings for one case: what decides a record's scope and attribution (rules 1 and 2)
 * from the case file and the sign-ins from attacker addresses alone.
 */
export class AuditSightings {
  private readonly accounts: ReadonlySet<string>;
  private readonly start: number;
  private readonly end: number;
  private readonly throttledFrom: number;
  private readonly signIns: Pick<AttackerSessions, 'signInsBySession' | 'signInsByToken'>;
  /** Whether a record's addresses are the attacker's, by address list: they repeat a lot. */
  private readonly attackerAddresses = new Map<string, boolean>();

  constructor(
    caseFile: CaseFile,
    private readonly threatActor: ThreatActor,
    signIns: readonly SignInRecord[],
  ) {
    this.accounts = new Set(caseFile.accounts);
    this.start = instant(caseFile.window.start);
    this.end = instant(caseFile.window.end);
    this.throttledFrom = instant(addHours(caseFile.window.start, -THROTTLE_HOURS));
    this.signIns = attackerSessions([], signIns, threatActor);
  }

  of(record: AuditRecord): AuditSighting {
    const scope = this.scopeOf(record);
    return {
      id: record.id,
      fingerprint: contentFingerprint(record),
      scope,
      sessions: scope === null ? NONE : sessionIdsOf(record),
      readWhatever: scope === null ? null : readWhatever(record),
    };
  }

  private scopeOf(record: AuditRecord): ScopeFacts | null {
    const time = instant(record.creationTime);
    let before: boolean;
    if (time >= this.start && time <= this.end) before = false;
    else if (record.isThrottled && time >= this.throttledFrom && time < this.start) before = true;
    else return null;
    const ip = this.fromAttackerAddress(record);
    const app = record.appIds.some((id) => this.threatActor.appIds.has(id.toLowerCase()));
    const token = record.uniqueTokenId?.trim() ?? '';
    const byToken = token !== '' && this.signIns.signInsByToken.has(token);
    const signedIn = signInsOf(record, this.signIns).length > 0;
    const actorIsAccount = this.accounts.has(record.actor);
    const account = !before && (actorIsAccount || this.accounts.has(record.mailbox));
    const flags =
      (before ? BEFORE : 0) |
      (ip ? ATTACKER_IP : 0) |
      (app ? ATTACKER_APP : 0) |
      (actorIsAccount ? ACTOR_ACCOUNT : 0) |
      (signedIn ? SIGNED_IN : 0) |
      (ip || app || signedIn ? FIXED : 0) |
      (ip || signedIn ? GROUNDS : 0) |
      (account ? ACCOUNT : 0) |
      (record.isThrottled ? THROTTLED : 0);
    return {
      flags,
      time: record.creationTime,
      actor: record.actor,
      mailbox: record.mailbox,
      sessionId: record.sessionId,
      aadSessionId: record.aadSessionId,
      token: byToken ? token : null,
      clientIps: ip ? record.clientIps : NONE,
      appIds: app ? record.appIds : NONE,
    };
  }

  private fromAttackerAddress(record: AuditRecord): boolean {
    const addresses = record.clientIps.join(' ');
    const known = this.attackerAddresses.get(addresses);
    if (known !== undefined) return known;
    if (this.attackerAddresses.size >= ADDRESS_CACHE) this.attackerAddresses.clear();
    const found = fromAttackerAddress(record, this.threatActor);
    this.attackerAddresses.set(addresses, found);
    return found;
  }
}

export function readWhatever(record: AuditRecord): ReadWhatever {
  const kind = activityKindOf(record.operation);
  if (kind === 'inboxRule' || kind === 'mailboxForwarding') return 'rule';
  return kind === 'search' ? 'search' : null;
}
