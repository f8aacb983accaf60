import type {
  AttributionReason,
  AuditRecord,
  CaseFile,
  Problem,
  SignInRecord,
  SourcePosition,
} from '../model/index.js';
import { attackerSessions } from './attacker-sessions.js';
import { attributionReasons } from './attribute-records.js';
import {
  AuditSightings,
  readWhatever,
  THROTTLED,
  type AuditSighting,
  type ReadWhatever,
} from './audit-sighting.js';
import { conflictingCopy } from './conflicting-copies.js';
import { IdNumbers } from './id-numbers.js';
import { exposeScope, type OtherEvidence } from './expose-scope.js';
import { compareInstants } from './instants.js';
import { compareText, sortedUniquePositions } from './ordering.js';
import { DistinctIds, type CopyPlace } from './record-ids.js';
import { RunningSessions } from './running-sessions.js';
import { ScopeKeys } from './scope-keys.js';
import { scopeRecords, type Scope } from './scope-records.js';
import { threatActorOf } from './threat-actor.js';
import type { Analysis, InputUse } from './types.js';

/** Where a record was read: input, line, and which of the records starting on that line. */
export interface RecordPlace {
  input: string;
  line: number;
  index: number;
}

const IN_SCOPE = 1;
const ATTRIBUTED = 2;
const MAX_INPUTS = 0xffff;

interface Decided {
  scope: Scope;
  keyState: Uint8Array;
  /** Places still to be read again, by placeKey: the entry and whether it is the kept copy. */
  pending: Map<string, { entry: number; kept: boolean }>;
  places: RecordPlace[];
}

/**
 * The exposure rules over audit records handed in one at a time, as they are read, in input
 * order: memory grows with what the rules need (the attacker's records, throttled records, a
 * compact table of the Ids seen, one entry per session and mailbox), not with the records read.
 *
 * Scope and attribution (rules 1 and 2) depend on records read later than the ones they decide
 * (the session pivot, delegate mailboxes). Each record is therefore reduced to its scope key
 * (scope-keys.ts) as it passes, and kept whole only when it may be needed: throttled, attributed
 * by its own evidence, or of a session already known to be the attacker's. Once every record
 * has been added, `wanted` decides scope and attribution over the keys and names the few
 * records that turned out to be the attacker's but were not kept (read earlier than the record
 * that made their session the attacker's) and the copies of conflicting duplicates; the caller
 * reads exactly those again and hands them to `addLate`; `finish` applies rules 3 to 9.
 *
 * Pure: the caller does the reading. `analyzeCase` drives it from arrays.
 */
export class AuditAccumulator {
  private readonly ids = new DistinctIds();
  private readonly sightings: AuditSightings;
  private readonly keys: ScopeKeys;
  private readonly running: RunningSessions;
  private readonly actor: ReturnType<typeof threatActorOf>;
  /** The kept copy of each Id worth keeping whole, by entry. */
  private readonly kept = new Map<number, AuditRecord>();
  private readonly conflictCopies = new Map<number, AuditRecord[]>();
  private readonly inputs: string[] = [];
  private readonly inputNumbers = new Map<string, number>();
  /** Keys of which one search record is kept, whatever its attribution. */
  private readonly searchKeys = new Set<number>();
  private decided: Decided | null = null;

  constructor(
    private readonly caseFile: CaseFile,
    private readonly signIns: readonly SignInRecord[],
  ) {
    this.actor = threatActorOf(caseFile);
    const { threatActor } = this.actor;
    // Session ids are held by number, once for the keys and the running pivot alike.
    const sessionNumbers = new IdNumbers();
    this.sightings = new AuditSightings(caseFile, threatActor, signIns);
    this.keys = new ScopeKeys(caseFile, sessionNumbers);
    this.running = new RunningSessions(threatActor.sessionIds, sessionNumbers);
  }

  /** One record as read; `index` numbers the records starting on its line from 0. */
  add(record: AuditRecord, index: number): void {
    this.addSighting(this.sightings.of(record), record.source, index, record);
  }

  /**
   * One record as read, by what it contributes (AuditSightings.of), at `source` and `index`.
   * `record` is the record itself when the caller has it: a record worth keeping whole that is
   * not given is named by `wanted` when the rules need it, and read again.
   */
  addSighting(
    sighting: AuditSighting,
    source: SourcePosition,
    index: number,
    record: AuditRecord | null,
  ): void {
    if (this.decided !== null) throw new Error('records added after wanted()');
    const keysBefore = this.keys.size;
    const key = this.keys.keyOf(sighting.scope);
    const info = this.keys.facts(key);
    // A new key's facts are its first record's: that record's sessions are the key's.
    if (info !== undefined && this.keys.size > keysBefore && info.account) {
      this.running.add(sighting.sessions, info.grounds);
    }
    const place = this.placeOf(source, index);
    const seen = this.ids.see(sighting.id, sighting.fingerprint, key, place);
    if (!seen.kept) return;
    const worthKeeping =
      info !== undefined &&
      (((sighting.scope?.flags ?? 0) & THROTTLED) !== 0 ||
        info.fixed ||
        this.readWhatever(sighting.readWhatever, key) ||
        (info.period === 'window' && this.running.isAttackers(sighting.sessions)));
    if (worthKeeping && record !== null) this.kept.set(seen.entry, record);
    else this.kept.delete(seen.entry);
  }

  /**
   * Decides scope and attribution over everything added, and names the records to read again
   * (by input, then line): the attacker's records not kept whole, and every copy of an Id whose
   * copies differ. Call once all records are added.
   */
  wanted(): RecordPlace[] {
    return this.decide().places;
  }

  /** A record read again at a place `wanted` named. */
  addLate(record: AuditRecord, index: number): void {
    const decided = this.decide();
    const number = this.inputNumbers.get(record.source.input);
    if (number === undefined) return;
    const wanted = decided.pending.get(placeKey(number, record.source.line, index));
    if (wanted === undefined) return;
    if (wanted.kept) {
      this.kept.set(wanted.entry, record);
      return;
    }
    const copies = this.conflictCopies.get(wanted.entry) ?? [];
    copies.push(record);
    this.conflictCopies.set(wanted.entry, copies);
  }

  /** Rules 3 to 9 over the in-scope records the rules need, and the accounting per input. */
  finish(others: Omit<OtherEvidence, 'signIns'>): Analysis {
    const { scope, keyState } = this.decide();
    const { threatActor } = this.actor;
    const records: AuditRecord[] = [];
    const throttledBefore: AuditRecord[] = [];
    for (const [entry, record] of this.kept) {
      const key = this.ids.keyOf(entry);
      const state = keyState[key] ?? 0;
      if ((state & IN_SCOPE) === 0) continue;
      const needed =
        (state & ATTRIBUTED) !== 0 || record.isThrottled || readWhatever(record) !== null;
      if (!needed) continue;
      const info = this.keys.facts(key);
      (info?.period === 'before' ? throttledBefore : records).push(record);
    }
    records.sort(byTime);
    throttledBefore.sort(byTime);
    // Rule 2 over the records kept, with the sessions the fixed point found over every key.
    const sessions = attackerSessions(scope.records, this.signIns, threatActor);
    const reasons = new Map<string, AttributionReason[]>();
    const usedSignIns = new Set<SignInRecord>();
    for (const record of [...records, ...throttledBefore]) {
      const found = attributionReasons(record, threatActor, sessions);
      if (found.reasons.length > 0) reasons.set(record.id, found.reasons);
      for (const signIn of found.signIns) usedSignIns.add(signIn);
    }
    return exposeScope(
      {
        caseFile: this.caseFile,
        records,
        throttledBefore,
        reasons,
        usedSignIns: [...usedSignIns],
        recordsInScope: this.countInScope(keyState),
        problems: [...this.conflictProblems(), ...this.actor.problems],
      },
      { ...others, signIns: this.signIns },
      {
        auditUse: (cited) => this.auditUse(keyState, cited),
        positions: (cited) => this.positions(cited),
      },
    );
  }

  private decide(): Decided {
    if (this.decided !== null) return this.decided;
    const { threatActor } = this.actor;
    const representatives = this.keys.representatives(threatActor.sessionIds);
    const scope = scopeRecords(representatives, this.caseFile, threatActor, this.signIns);
    const keyState = new Uint8Array(this.keys.size);
    const delegates = new Set(scope.delegateMailboxes);
    for (let key = 0; key < keyState.length; key++) {
      if (this.keys.inScope(key, delegates)) keyState[key] = IN_SCOPE;
    }
    for (const id of scope.attribution.reasons.keys()) {
      keyState[Number(id)] = (keyState[Number(id)] ?? 0) | ATTRIBUTED;
    }
    const pending = new Map<string, { entry: number; kept: boolean }>();
    const wantedPlaces: CopyPlace[] = [];
    const want = (entry: number, place: CopyPlace, kept: boolean) => {
      pending.set(placeKey(place.input, place.line, place.index), { entry, kept });
      wantedPlaces.push(place);
    };
    for (let entry = 0; entry < this.ids.size; entry++) {
      if (this.kept.has(entry)) continue;
      const state = keyState[this.ids.keyOf(entry)] ?? 0;
      if (state === (IN_SCOPE | ATTRIBUTED) || this.ids.conflicting.has(entry)) {
        want(entry, this.ids.placeOf(entry), true);
      }
    }
    if (this.ids.conflicting.size > 0) {
      for (const [entry, place] of this.ids.otherCopies()) {
        if (this.ids.conflicting.has(entry)) want(entry, place, false);
      }
    }
    wantedPlaces.sort((a, b) => a.input - b.input || a.line - b.line || a.index - b.index);
    const places = wantedPlaces.map((place) => ({
      input: this.inputs[place.input] ?? '',
      line: place.line,
      index: place.index,
    }));
    this.decided = { scope, keyState, pending, places };
    return this.decided;
  }

  /**
   * Records rule 10 reads whatever their attribution: every inbox-rule and forwarding change
   * (the owner or IT may have ended the attacker's rule), and one search record per key (only
   * whether any search was audited matters).
   */
  private readWhatever(kind: ReadWhatever, key: number): boolean {
    if (kind !== 'search') return kind !== null;
    if (this.searchKeys.has(key)) return false;
    this.searchKeys.add(key);
    return true;
  }

  private placeOf(source: SourcePosition, index: number): CopyPlace {
    let input = this.inputNumbers.get(source.input);
    if (input === undefined) {
      input = this.inputs.length;
      if (input > MAX_INPUTS) throw new Error(`more than ${MAX_INPUTS} audit inputs`);
      this.inputs.push(source.input);
      this.inputNumbers.set(source.input, input);
    }
    return { input, line: source.line, index };
  }

  private countInScope(keyState: Uint8Array): number {
    let count = 0;
    for (let entry = 0; entry < this.ids.size; entry++) {
      if (((keyState[this.ids.keyOf(entry)] ?? 0) & IN_SCOPE) !== 0) count++;
    }
    return count;
  }

  /**
   * Per audit input: every record is a duplicate (a copy of an Id kept from elsewhere), in
   * scope, or out of scope; `used` counts the in-scope records kept from it that are cited.
   */
  private auditUse(keyState: Uint8Array, cited: readonly AuditRecord[]): Map<string, InputUse> {
    const use = this.inputs.map(() => ({ inScope: 0, duplicates: 0, used: 0 }));
    for (let entry = 0; entry < this.ids.size; entry++) {
      if (((keyState[this.ids.keyOf(entry)] ?? 0) & IN_SCOPE) === 0) continue;
      const counts = use[this.ids.placeOf(entry).input];
      if (counts !== undefined) counts.inScope++;
    }
    for (const [, place] of this.ids.otherCopies()) {
      const counts = use[place.input];
      if (counts !== undefined) counts.duplicates++;
    }
    for (const record of cited) {
      const counts = use[this.inputNumbers.get(record.source.input) ?? -1];
      if (counts !== undefined) counts.used++;
    }
    return new Map(this.inputs.map((input, number) => [input, use[number] ?? counts0()]));
  }

  /** Every place each cited record's Id was read, sorted by input then line. */
  private positions(cited: readonly AuditRecord[]): Map<string, SourcePosition[]> {
    const places = new Map<number, SourcePosition[]>();
    for (const record of cited) places.set(this.ids.entryOf(record.id), [record.source]);
    for (const [entry, place] of this.ids.otherCopies()) {
      places.get(entry)?.push({ input: this.inputs[place.input] ?? '', line: place.line });
    }
    const positions = new Map<string, SourcePosition[]>();
    for (const record of cited) {
      positions.set(
        record.id,
        sortedUniquePositions(places.get(this.ids.entryOf(record.id)) ?? [record.source]),
      );
    }
    return positions;
  }

  private conflictProblems(): Problem[] {
    const problems: Problem[] = [];
    for (const entry of this.ids.conflicting) {
      const kept = this.kept.get(entry);
      if (kept === undefined) continue;
      for (const copy of this.conflictCopies.get(entry) ?? []) {
        const problem = conflictingCopy(kept, copy);
        if (problem !== null) problems.push(problem);
      }
    }
    return problems;
  }
}

function counts0(): InputUse {
  return { inScope: 0, duplicates: 0, used: 0 };
}

function placeKey(input: number, line: number, index: number): string {
  return `${input}\n${line}\n${index}`;
}

function byTime(a: AuditRecord, b: AuditRecord): number {
  return compareInstants(a.creationTime, b.creationTime) || compareText(a.id, b.id);
}
