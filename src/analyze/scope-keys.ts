import type { AuditRecord, CaseFile } from '../model/index.js';
import type { AttackerSessions } from './attacker-sessions.js';
import { signInsOf } from './attacker-sessions.js';
import { addHours, instant } from './instants.js';
import type { ThreatActor } from './threat-actor.js';
import { fromAttackerAddress } from './threat-actor.js';
import type { IdNumbers } from './id-numbers.js';
import { PagedUint32 } from './paged-array.js';
import { THROTTLE_HOURS } from './throttled-windows.js';

/** Sign-ins from attacker addresses, as attribution looks them up. */
export type AttackerSignIns = Pick<AttackerSessions, 'signInsBySession' | 'signInsByToken'>;

/**
 * What decides a record's scope and attribution (rules 1 and 2), and nothing else: whether it
 * lies in the window (or is a throttled record of the 24 hours before it), its mailbox, whether
 * its actor is a case account, its session ids, and whether its address, app or sign-in is the
 * attacker's. Records with equal facts are in scope and attributed alike, so the fixed point of
 * scope and attribution is computed over one representative record per key instead of over
 * every record: there are about as many keys as sessions per mailbox, far fewer than records,
 * but at a million records still a hundred thousand or more. So a key is kept as a few columns
 * (its first record's time, actor, mailbox, session ids, token and flags; actors and mailboxes
 * shared, being few; session ids by their number in IdNumbers, 128 bits each) and made into
 * representative records only when scope is decided, once reading is over.
 */
export interface ScopeKey {
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

const BEFORE = 1;
const FIXED = 2;
const GROUNDS = 4;
const ACCOUNT = 8;
const THROTTLED = 16;
const ATTACKER_IP = 32;
const ATTACKER_APP = 64;
const ACTOR_ACCOUNT = 128;
const SIGNED_IN = 256;
/** The flags that are facts of the key; the others follow from them or are the first record's. */
const IDENTITY = BEFORE | ATTACKER_IP | ATTACKER_APP | ACTOR_ACCOUNT | SIGNED_IN;

/** The facts of every combination of the four flags, made once (one is asked per record). */
const FACTS: readonly ScopeKey[] = Array.from({ length: 16 }, (_, flags) => ({
  period: (flags & BEFORE) === 0 ? 'window' : 'before',
  fixed: (flags & FIXED) !== 0,
  grounds: (flags & GROUNDS) !== 0,
  account: (flags & ACCOUNT) !== 0,
}));

export class ScopeKeys {
  /**
   * The first key (plus one) of each session id (else AAD session id, else mailbox), by the
   * id's number, the others of it chained in `next`: compared by their columns, no key text is
   * held (it took 23 MB at 160,000 keys).
   */
  private readonly firstOf = new PagedUint32();
  private readonly next: number[] = [];
  private readonly accounts: ReadonlySet<string>;
  private readonly start: number;
  private readonly end: number;
  private readonly throttledFrom: number;
  /** Whether a record's addresses are the attacker's, by address list: they repeat a lot. */
  private readonly attackerAddresses = new Map<string, boolean>();
  /** Actors and mailboxes, each text kept once. */
  private readonly names = new Map<string, string>();
  private readonly flags: number[] = [];
  private readonly times: string[] = [];
  private readonly actors: string[] = [];
  private readonly mailboxes: string[] = [];
  /** Session and AAD session ids by number plus one, 0 for none. */
  private readonly sessionIds = new PagedUint32();
  private readonly aadSessionIds = new PagedUint32();
  /** The few keys with a token that matched, or the attacker's addresses or apps. */
  private readonly evidence = new Map<
    number,
    Pick<AuditRecord, 'uniqueTokenId' | 'clientIps' | 'appIds'>
  >();

  constructor(
    caseFile: CaseFile,
    private readonly threatActor: ThreatActor,
    private readonly signIns: AttackerSignIns,
    /** Numbers session ids and the mailboxes that stand in for them; shared with the caller. */
    private readonly ids: IdNumbers,
  ) {
    this.accounts = new Set(caseFile.accounts);
    this.start = instant(caseFile.window.start);
    this.end = instant(caseFile.window.end);
    this.throttledFrom = instant(addHours(caseFile.window.start, -THROTTLE_HOURS));
  }

  /** How many keys there are; keys are numbered from 0 in the order first seen. */
  get size(): number {
    return this.flags.length;
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
    const identity =
      (period === 'w' ? 0 : BEFORE) |
      (ip ? ATTACKER_IP : 0) |
      (app ? ATTACKER_APP : 0) |
      (actorIsAccount ? ACTOR_ACCOUNT : 0) |
      (signedIn ? SIGNED_IN : 0);
    const matched = byToken ? token : null;
    const first = record.sessionId ?? record.aadSessionId ?? record.mailbox;
    const session = this.numberOf(record.sessionId);
    const aadSession = this.numberOf(record.aadSessionId);
    const firstNumber = this.ids.find(first);
    const head = firstNumber === -1 ? -1 : this.firstOf.get(firstNumber) - 1;
    // An id never numbered is on no key yet, so none matches; but the new key still joins the
    // chain of `first`, or the keys already on it could no longer be found.
    const seen = session !== -1 && aadSession !== -1;
    for (let key = seen ? head : -1; key !== -1; key = this.next[key] ?? -1) {
      if (
        ((this.flags[key] ?? 0) & IDENTITY) === identity &&
        this.mailboxes[key] === record.mailbox &&
        this.sessionIds.get(key) === session &&
        this.aadSessionIds.get(key) === aadSession &&
        (this.evidence.get(key)?.uniqueTokenId ?? null) === matched
      ) {
        return key;
      }
    }
    const number = this.size;
    if (head === -1) this.firstOf.set(this.ids.add(first), number + 1);
    else this.next[this.lastOf(head)] = number;
    this.next.push(-1);
    const fixed = ip || app || signedIn;
    const account = period === 'w' && (actorIsAccount || this.accounts.has(record.mailbox));
    this.flags.push(
      identity |
        (fixed ? FIXED : 0) |
        (ip || signedIn ? GROUNDS : 0) |
        (account ? ACCOUNT : 0) |
        (record.isThrottled ? THROTTLED : 0),
    );
    this.times.push(record.creationTime);
    this.actors.push(this.name(record.actor));
    this.mailboxes.push(this.name(record.mailbox));
    this.sessionIds.set(number, record.sessionId === null ? 0 : this.ids.add(record.sessionId) + 1);
    this.aadSessionIds.set(
      number,
      record.aadSessionId === null ? 0 : this.ids.add(record.aadSessionId) + 1,
    );
    if (byToken || ip || app) {
      this.evidence.set(number, {
        uniqueTokenId: matched,
        clientIps: ip ? record.clientIps : NO_APPS,
        appIds: app ? record.appIds : NO_APPS,
      });
    }
    return number;
  }

  /** What decides a key's part in the reading (see ScopeKey). */
  facts(key: number): ScopeKey | undefined {
    const flags = this.flags[key];
    return flags === undefined ? undefined : FACTS[flags & (BEFORE | FIXED | GROUNDS | ACCOUNT)];
  }

  /**
   * One record per key with the fields scope and attribution read, under an Id naming the key,
   * and nothing else. Addresses and app ids are kept only when they are the attacker's (all
   * that attribution asks of them), the token only when it matched. Keys that no scope can
   * include are left out (their records stay out of scope, as scope-records.ts would leave
   * them): neither actor nor mailbox is a case account, and no case account acted on the
   * mailbox. At a million generated records they are about half, and these records are what
   * memory peaks on.
   */
  representatives(): AuditRecord[] {
    const reachable = new Set<string>();
    for (let key = 0; key < this.size; key++) {
      const mailbox = this.mailboxes[key] ?? '';
      if (((this.flags[key] ?? 0) & ACTOR_ACCOUNT) !== 0 && !this.accounts.has(mailbox)) {
        reachable.add(mailbox);
      }
    }
    const records: AuditRecord[] = [];
    for (let key = 0; key < this.size; key++) {
      const flags = this.flags[key] ?? 0;
      const mailbox = this.mailboxes[key] ?? '';
      const concerned =
        (flags & ACTOR_ACCOUNT) !== 0 || this.accounts.has(mailbox) || reachable.has(mailbox);
      if (!concerned) continue;
      const evidence = this.evidence.get(key);
      records.push({
        id: String(key),
        creationTime: this.times[key] ?? '',
        operation: '',
        recordType: null,
        workload: null,
        actor: this.actors[key] ?? '',
        mailbox,
        clientIp: null,
        clientIpRaw: null,
        clientIps: (flags & ATTACKER_IP) === 0 ? NO_APPS : (evidence?.clientIps ?? NO_APPS),
        clientInfo: null,
        sessionId: this.textOf(this.sessionIds.get(key)),
        aadSessionId: this.textOf(this.aadSessionIds.get(key)),
        uniqueTokenId: evidence?.uniqueTokenId ?? null,
        appIds: (flags & ATTACKER_APP) === 0 ? NO_APPS : (evidence?.appIds ?? NO_APPS),
        logonType: null,
        externalAccess: null,
        mailAccessType: null,
        isThrottled: (flags & THROTTLED) !== 0,
        operationCount: null,
        folders: NO_FOLDERS,
        item: null,
        activity: null,
        source: NOWHERE,
      });
    }
    return records;
  }

  /** An id's number plus one as the columns hold it: 0 for none, -1 when never numbered. */
  private numberOf(id: string | null): number {
    if (id === null) return 0;
    const number = this.ids.find(id);
    return number === -1 ? -1 : number + 1;
  }

  private textOf(stored: number): string | null {
    return stored === 0 ? null : this.ids.textOf(stored - 1);
  }

  private lastOf(key: number): number {
    let last = key;
    for (let next = this.next[last] ?? -1; next !== -1; next = this.next[last] ?? -1) last = next;
    return last;
  }

  private name(text: string): string {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    this.names.set(text, text);
    return text;
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
