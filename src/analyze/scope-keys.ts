import type { AuditRecord, CaseFile } from '../model/index.js';
import type { AttackerSessions } from './attacker-sessions.js';
import { signInsOf } from './attacker-sessions.js';
import { addHours, instant } from './instants.js';
import type { ThreatActor } from './threat-actor.js';
import { fromAttackerAddress } from './threat-actor.js';
import { THROTTLE_HOURS } from './throttled-windows.js';

/** Sign-ins from attacker addresses, as attribution looks them up. */
export type AttackerSignIns = Pick<AttackerSessions, 'signInsBySession' | 'signInsByToken'>;

/**
 * What decides a record's scope and attribution (rules 1 and 2), and nothing else: whether it
 * lies in the window (or is a throttled record of the 24 hours before it), its mailbox, whether
 * its actor is a case account, its session ids, and whether its address, app or sign-in is the
 * attacker's. Records with equal facts are in scope and attributed alike, so the fixed point of
 * scope and attribution is computed over one `representative` per key instead of over every
 * record: there are about as many keys as sessions per mailbox, far fewer than records.
 */
export interface ScopeKey {
  /** A record with exactly these facts (the first seen), stripped of its content. */
  representative: AuditRecord;
  /** In the window, or a throttled record of the 24 hours before it (rule 6). */
  period: 'window' | 'before';
  /** Attributed by its own evidence (address, app or sign-in), whatever the sessions. */
  fixed: boolean;
  /** Its sessions are the attacker's by its own evidence (address or sign-in: rule 2). */
  grounds: boolean;
  /** Concerns a case account directly, so the session pivot runs over it from the start. */
  account: boolean;
}

const NOT_IN_SCOPE = -1;
const ADDRESS_CACHE = 1 << 16;

export class ScopeKeys {
  readonly keys: ScopeKey[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly accounts: ReadonlySet<string>;
  private readonly start: number;
  private readonly end: number;
  private readonly throttledFrom: number;
  /** Whether a record's addresses are the attacker's, by address list: they repeat a lot. */
  private readonly attackerAddresses = new Map<string, boolean>();

  constructor(
    caseFile: CaseFile,
    private readonly threatActor: ThreatActor,
    private readonly signIns: AttackerSignIns,
  ) {
    this.accounts = new Set(caseFile.accounts);
    this.start = instant(caseFile.window.start);
    this.end = instant(caseFile.window.end);
    this.throttledFrom = instant(addHours(caseFile.window.start, -THROTTLE_HOURS));
  }

  /** The record's key number, or -1 when no scope can ever include it. */
  keyOf(record: AuditRecord): number {
    const time = instant(record.creationTime);
    let period: string;
    if (time >= this.start && time <= this.end) period = 'w';
    else if (record.isThrottled && time >= this.throttledFrom && time < this.start) period = 't';
    else return NOT_IN_SCOPE;
    const ip = this.fromAttackerAddress(record);
    const app = record.appIds.some((id) => this.threatActor.appIds.has(id.toLowerCase()));
    const token = record.uniqueTokenId?.trim() ?? '';
    const byToken = token !== '' && this.signIns.signInsByToken.has(token);
    const signedIn = signInsOf(record, this.signIns).length > 0;
    const actorIsAccount = this.accounts.has(record.actor);
    const text = [
      period,
      record.mailbox,
      actorIsAccount ? 'A' : '-',
      record.sessionId ?? '',
      record.aadSessionId ?? '',
      byToken ? token : '',
      ip ? 'I' : '-',
      app ? 'P' : '-',
      signedIn ? 'S' : '-',
    ].join('\u0000');
    const known = this.numbers.get(text);
    if (known !== undefined) return known;
    const number = this.keys.length;
    this.numbers.set(text, number);
    this.keys.push({
      representative: representativeOf(record, number, byToken ? token : null, { ip, app }),
      period: period === 'w' ? 'window' : 'before',
      fixed: ip || app || signedIn,
      grounds: ip || signedIn,
      account: period === 'w' && (actorIsAccount || this.accounts.has(record.mailbox)),
    });
    return number;
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

const NO_FOLDERS: AuditRecord['folders'] = [];
const NO_APPS: string[] = [];
const NOWHERE = { input: '', line: 0 };

/**
 * The fields scope and attribution read, under an Id naming the key, and nothing else: there
 * is one per session and mailbox, so its size counts. Addresses and app ids are kept only when
 * they are the attacker's (all that attribution asks of them), the token only when it matched.
 */
function representativeOf(
  record: AuditRecord,
  number: number,
  token: string | null,
  flags: { ip: boolean; app: boolean },
): AuditRecord {
  return {
    id: String(number),
    creationTime: record.creationTime,
    operation: '',
    recordType: null,
    workload: null,
    actor: record.actor,
    mailbox: record.mailbox,
    clientIp: null,
    clientIpRaw: null,
    clientIps: flags.ip ? record.clientIps : NO_APPS,
    clientInfo: null,
    sessionId: record.sessionId,
    aadSessionId: record.aadSessionId,
    uniqueTokenId: token,
    appIds: flags.app ? record.appIds : NO_APPS,
    logonType: null,
    externalAccess: null,
    mailAccessType: null,
    isThrottled: record.isThrottled,
    operationCount: null,
    folders: NO_FOLDERS,
    item: null,
    activity: null,
    source: NOWHERE,
  };
}
