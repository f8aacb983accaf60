import type { AuditRecord, CaseFile } from '../model/index.js';
import {
  ACCOUNT,
  ACTOR_ACCOUNT,
  ATTACKER_APP,
  ATTACKER_IP,
  BEFORE,
  FIXED,
  GROUNDS,
  IDENTITY,
  THROTTLED,
  type ScopeFacts,
} from './audit-sighting.js';
import type { IdNumbers } from './id-numbers.js';
import { instant, instantText } from './instants.js';
import { JoinedIds } from './joined-ids.js';
import { PagedUint32 } from './paged-array.js';
import { concernsCase } from './scope-records.js';
import { sessionIdOf } from './session-ids.js';

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
  /** The next key (plus one) on the chain, 0 at its end. */
  private readonly next = new PagedUint32();
  private readonly accounts: ReadonlySet<string>;
  /**
   * The columns are typed arrays where they can be (a million records make a hundred thousand
   * keys, and arrays of JavaScript values and strings took twice the memory): the first
   * record's time in milliseconds, and actors and mailboxes by their number in `names`.
   */
  private readonly times: number[] = [];
  private readonly flags = new PagedUint32();
  private readonly actors = new PagedUint32();
  private readonly mailboxes = new PagedUint32();
  /** Actors and mailboxes, each text kept once: they are few. */
  private readonly names: string[] = [];
  private readonly nameNumbers = new Map<string, number>();
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
    /** Numbers session ids and the mailboxes that stand in for them; shared with the caller. */
    private readonly ids: IdNumbers,
  ) {
    this.accounts = new Set(caseFile.accounts);
  }

  /** How many keys there are; keys are numbered from 0 in the order first seen. */
  get size(): number {
    return this.times.length;
  }

  /**
   * The key of a record with these facts (AuditSightings), numbering it when it is new; -1
   * when no scope can ever include the record.
   */
  keyOf(facts: ScopeFacts | null): number {
    if (facts === null) return NOT_IN_SCOPE;
    const identity = facts.flags & IDENTITY;
    const matched = facts.token;
    const first = facts.sessionId ?? facts.aadSessionId ?? facts.mailbox;
    const session = this.numberOf(facts.sessionId);
    const aadSession = this.numberOf(facts.aadSessionId);
    const firstNumber = this.ids.find(first);
    const head = firstNumber === -1 ? -1 : this.firstOf.get(firstNumber) - 1;
    // An id never numbered is on no key yet, so none matches; but the new key still joins the
    // chain of `first`, or the keys already on it could no longer be found.
    const seen = session !== -1 && aadSession !== -1;
    for (let key = seen ? head : -1; key !== -1; key = this.next.get(key) - 1) {
      if (
        (this.flags.get(key) & IDENTITY) === identity &&
        this.names[this.mailboxes.get(key)] === facts.mailbox &&
        this.sessionIds.get(key) === session &&
        this.aadSessionIds.get(key) === aadSession &&
        (this.evidence.get(key)?.uniqueTokenId ?? null) === matched
      ) {
        return key;
      }
    }
    const number = this.size;
    if (head === -1) this.firstOf.set(this.ids.add(first), number + 1);
    else this.next.set(this.lastOf(head), number + 1);
    this.times.push(instant(facts.time));
    this.flags.set(number, facts.flags);
    this.actors.set(number, this.nameNumber(facts.actor));
    this.mailboxes.set(number, this.nameNumber(facts.mailbox));
    this.sessionIds.set(number, facts.sessionId === null ? 0 : this.ids.add(facts.sessionId) + 1);
    this.aadSessionIds.set(
      number,
      facts.aadSessionId === null ? 0 : this.ids.add(facts.aadSessionId) + 1,
    );
    if (matched !== null || (facts.flags & (ATTACKER_IP | ATTACKER_APP)) !== 0) {
      this.evidence.set(number, {
        uniqueTokenId: matched,
        clientIps: facts.clientIps,
        appIds: facts.appIds,
      });
    }
    return number;
  }

  /** What decides a key's part in the reading (see ScopeKey). */
  facts(key: number): ScopeKey | undefined {
    if (key < 0 || key >= this.size) return undefined;
    return FACTS[this.flags.get(key) & (BEFORE | FIXED | GROUNDS | ACCOUNT)];
  }

  /**
   * Rule 1 for every record of the key, once the delegate mailboxes are known: the keys left
   * out of `representatives` are in scope or not by this alone.
   */
  inScope(key: number, delegates: ReadonlySet<string>): boolean {
    if (key < 0 || key >= this.size) return false;
    return concernsCase(
      { actor: this.nameOf(this.actors, key), mailbox: this.nameOf(this.mailboxes, key) },
      this.accounts,
      delegates,
    );
  }

  /**
   * One record per key that rule 2 could attribute, with the fields scope and attribution read,
   * under an Id naming the key, and nothing else; the fixed point of scope-records.ts runs over
   * them and decides the delegate mailboxes, and every other key is out of the attacker's
   * reach: in scope or not by `inScope`, never attributed. A key can be attributed only when
   * some scope can include it (its actor or mailbox is a case account, or a case account acted
   * on its mailbox) and its own evidence is the attacker's (address, app, sign-in) or one of
   * its session ids is joined to a session with a ground (listed, or an attacker address or
   * sign-in on another such key). The joins are made over every key a scope can include, more
   * than the in-scope records the fixed point joins, so a group with a ground here holds every
   * key of a group with a ground there. At a million generated records this leaves 88 of the
   * 47,772 keys a scope can include, whose representatives took 44 MB of heap at the peak of
   * the run. `listedSessions` are the case's session ids, lower-cased.
   *
   * Addresses and app ids are kept only when they are the attacker's (all that attribution asks
   * of them), the token only when it matched.
   */
  representatives(listedSessions: ReadonlySet<string>): AuditRecord[] {
    const reachable = new Set<string>();
    for (let key = 0; key < this.size; key++) {
      const mailbox = this.nameOf(this.mailboxes, key);
      if ((this.flags.get(key) & ACTOR_ACCOUNT) !== 0 && !this.accounts.has(mailbox)) {
        reachable.add(mailbox);
      }
    }
    const concerned = (key: number) => this.inScope(key, reachable);
    const grounded = this.groundedSessions(concerned, listedSessions);
    const records: AuditRecord[] = [];
    for (let key = 0; key < this.size; key++) {
      const flags = this.flags.get(key);
      if (!concerned(key) || ((flags & FIXED) === 0 && !grounded(key))) continue;
      const evidence = this.evidence.get(key);
      records.push({
        id: String(key),
        creationTime: instantText(this.times[key] ?? Number.NaN),
        operation: '',
        recordType: null,
        workload: null,
        actor: this.nameOf(this.actors, key),
        mailbox: this.nameOf(this.mailboxes, key),
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

  /**
   * Whether a key's session ids are joined, over the keys `concerned` accepts, to a session
   * with a ground: listed in the case, or on a key from an attacker address or sign-in. Ids
   * compared as the pivot compares them (session-ids.ts), by number.
   */
  private groundedSessions(
    concerned: (key: number) => boolean,
    listedSessions: ReadonlySet<string>,
  ): (key: number) => boolean {
    const joined = new JoinedIds<number>();
    const texts = new Map<string, number>();
    const numberOfText = (text: string): number => {
      const number = this.ids.find(text);
      if (number !== -1) return number;
      const known = texts.get(text);
      if (known !== undefined) return known;
      texts.set(text, this.ids.size + texts.size);
      return this.ids.size + texts.size - 1;
    };
    const idsOf = (key: number): number[] => {
      const found: number[] = [];
      for (const stored of [this.sessionIds.get(key), this.aadSessionIds.get(key)]) {
        if (stored === 0) continue;
        if (!this.ids.keptAsText(stored - 1)) found.push(stored - 1);
        else {
          const text = sessionIdOf(this.ids.textOf(stored - 1));
          if (text !== null) found.push(numberOfText(text));
        }
      }
      return found;
    };
    for (let key = 0; key < this.size; key++) if (concerned(key)) joined.join(idsOf(key));
    const grounded = new Set<number>();
    for (const id of listedSessions) grounded.add(joined.groupOf(numberOfText(id)));
    for (let key = 0; key < this.size; key++) {
      if ((this.flags.get(key) & GROUNDS) === 0 || !concerned(key)) continue;
      for (const id of idsOf(key)) grounded.add(joined.groupOf(id));
    }
    return (key) => idsOf(key).some((id) => grounded.has(joined.groupOf(id)));
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
    for (let next = this.next.get(last) - 1; next !== -1; next = this.next.get(last) - 1) {
      last = next;
    }
    return last;
  }

  private nameNumber(text: string): number {
    const known = this.nameNumbers.get(text);
    if (known !== undefined) return known;
    this.nameNumbers.set(text, this.names.length);
    this.names.push(text);
    return this.names.length - 1;
  }

  private nameOf(column: PagedUint32, key: number): string {
    return this.names[column.get(key)] ?? '';
  }
}

const NO_FOLDERS: AuditRecord['folders'] = [];
const NO_APPS: string[] = [];
const NOWHERE = { input: '', line: 0 };
