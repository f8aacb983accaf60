import type { AuditSighting, ReadWhatever, ScopeFacts } from '../analyze/index.js';
import type { AuditRecord } from '../model/index.js';

/**
 * The sightings of one block of records (AuditSightings.of), packed to cross from a worker
 * thread to the main thread cheaply: numbers in typed arrays (moved, not copied), the texts in
 * one table (a block's records share actors, mailboxes and session ids), and the few records
 * that go whole. Record n of the block is entry n of each column.
 */
export interface PackedSightings {
  count: number;
  /** The line each record starts on, counted from the block's first. */
  lines: Uint32Array;
  /** contentFingerprint, two words per record. */
  fingerprints: Uint32Array;
  /** The scope flags and the marks below; -1 when no scope can include the record. */
  flags: Int32Array;
  ids: string[];
  /** Per record in scope, its time (nearly every one is different: not in `texts`). */
  times: string[];
  /** Per record, FIELDS indexes into `texts` (0 for none): the scope facts' other texts. */
  fields: Uint32Array;
  texts: string[];
  /** The rare facts: a matched token, the attacker's addresses or apps, by record. */
  evidence: [number, Pick<ScopeFacts, 'token' | 'clientIps' | 'appIds'>][];
  /** The records sent whole, by record. */
  whole: [number, AuditRecord][];
}

const RULE = 1 << 20;
const SEARCH = 1 << 21;
const FIELDS = 6;
const [ACTOR, MAILBOX, SESSION, AAD_SESSION, FIRST_ID, SECOND_ID] = [0, 1, 2, 3, 4, 5];
const NO_TEXTS: string[] = [];

/** Packs the sightings of a block as they are made (in a worker thread). */
export class SightingPacker {
  private readonly lines: number[] = [];
  private readonly fingerprints: number[] = [];
  private readonly flags: number[] = [];
  private readonly ids: string[] = [];
  private readonly times: string[] = [];
  private readonly fields: number[] = [];
  private readonly texts: string[] = [''];
  private readonly numbers = new Map<string, number>();
  private lastText: string | null = null;
  private lastNumber = 0;
  private readonly evidence: PackedSightings['evidence'] = [];
  private readonly whole: PackedSightings['whole'] = [];

  add(sighting: AuditSighting, line: number, record: AuditRecord | null): void {
    const at = this.ids.length;
    this.lines.push(line);
    this.fingerprints.push(sighting.fingerprint[0], sighting.fingerprint[1]);
    this.ids.push(sighting.id);
    if (record !== null) this.whole.push([at, record]);
    const scope = sighting.scope;
    if (scope === null) {
      this.flags.push(-1);
      this.times.push('');
      for (let field = 0; field < FIELDS; field++) this.fields.push(0);
      return;
    }
    this.flags.push(
      scope.flags |
        (sighting.readWhatever === 'rule' ? RULE : sighting.readWhatever === 'search' ? SEARCH : 0),
    );
    this.times.push(scope.time);
    this.fields.push(
      this.number(scope.actor),
      this.number(scope.mailbox),
      this.number(scope.sessionId),
      this.number(scope.aadSessionId),
      this.number(sighting.sessions[0] ?? null),
      this.number(sighting.sessions[1] ?? null),
    );
    if (scope.token !== null || scope.clientIps.length > 0 || scope.appIds.length > 0) {
      this.evidence.push([
        at,
        { token: scope.token, clientIps: scope.clientIps, appIds: scope.appIds },
      ]);
    }
  }

  packed(): PackedSightings {
    return {
      count: this.ids.length,
      // Made from the arrays as array-likes: `from` walks an iterator, several times slower.
      lines: new Uint32Array(this.lines),
      fingerprints: new Uint32Array(this.fingerprints),
      flags: new Int32Array(this.flags),
      ids: this.ids,
      times: this.times,
      fields: new Uint32Array(this.fields),
      texts: this.texts,
      evidence: this.evidence,
      whole: this.whole,
    };
  }

  /** The typed arrays, to be moved to the main thread rather than copied. */
  static transfers(packed: PackedSightings): ArrayBuffer[] {
    return [packed.lines, packed.fingerprints, packed.flags, packed.fields].map(
      (column) => column.buffer as ArrayBuffer,
    );
  }

  private number(text: string | null): number {
    if (text === null) return 0;
    // Records in a row mostly share their actor, mailbox and sessions.
    if (text === this.lastText) return this.lastNumber;
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.texts.length;
      this.texts.push(text);
      this.numbers.set(text, number);
    }
    this.lastText = text;
    this.lastNumber = number;
    return number;
  }
}

/** Hands each sighting of a packed block to `each` in order, with its record when sent whole. */
export function unpackSightings(
  packed: PackedSightings,
  each: (sighting: AuditSighting, line: number, record: AuditRecord | null) => void,
): void {
  const { fields, texts } = packed;
  const evidence = new Map(packed.evidence);
  const whole = new Map(packed.whole);
  const text = (at: number): string => texts[fields[at] ?? 0] ?? '';
  const textOrNull = (at: number): string | null => {
    const number = fields[at] ?? 0;
    return number === 0 ? null : (texts[number] ?? null);
  };
  for (let n = 0; n < packed.count; n++) {
    const flags = packed.flags[n] ?? -1;
    const base = n * FIELDS;
    let scope: ScopeFacts | null = null;
    let sessions: string[] = NO_TEXTS;
    let readWhatever: ReadWhatever = null;
    if (flags !== -1) {
      const rare = evidence.get(n);
      scope = {
        flags: flags & ~(RULE | SEARCH),
        time: packed.times[n] ?? '',
        actor: text(base + ACTOR),
        mailbox: text(base + MAILBOX),
        sessionId: textOrNull(base + SESSION),
        aadSessionId: textOrNull(base + AAD_SESSION),
        token: rare?.token ?? null,
        clientIps: rare?.clientIps ?? NO_TEXTS,
        appIds: rare?.appIds ?? NO_TEXTS,
      };
      const first = textOrNull(base + FIRST_ID);
      const second = textOrNull(base + SECOND_ID);
      sessions = first === null ? NO_TEXTS : second === null ? [first] : [first, second];
      readWhatever = (flags & RULE) !== 0 ? 'rule' : (flags & SEARCH) !== 0 ? 'search' : null;
    }
    const sighting: AuditSighting = {
      id: packed.ids[n] ?? '',
      fingerprint: [packed.fingerprints[2 * n] ?? 0, packed.fingerprints[2 * n + 1] ?? 0],
      scope,
      sessions,
      readWhatever,
    };
    each(sighting, packed.lines[n] ?? 0, whole.get(n) ?? null);
  }
}
