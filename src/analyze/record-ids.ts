import { PagedUint32 } from './paged-array.js';

/** Where one copy of a record was read: input (by number), line, and which record of the line. */
export interface CopyPlace {
  input: number;
  line: number;
  /** 0 for the first record starting on the line (a JSON array on one line holds several). */
  index: number;
}

/** What a copy of a record is, once seen. */
export interface Sighting {
  /** The Id's number, the same for every copy. */
  entry: number;
  /** True when this copy is now the one the analysis keeps. */
  kept: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_LOAD = 0.7;

/**
 * Every record Id seen, compactly (rule 1: the same Id in several inputs counts once). An Id
 * that is a GUID, as Microsoft writes them, is kept as its 128 bits in typed arrays, exactly:
 * about 40 bytes per Id with the fields below, where a JavaScript string and map entry would
 * take well over 100. Other Ids (test data, odd feeds) go into an ordinary map.
 *
 * Per Id it keeps which copy is kept (place, key of its scope facts) and a 64-bit fingerprint
 * of that copy's content; every other copy's place is kept in a list of copies. Of copies that
 * differ in content, the one kept is the one with the lowest fingerprint: a rule that depends on
 * the contents alone, never on file names or the order of inputs. Of identical copies the one
 * read first is kept, which only decides which input counts it.
 */
export class DistinctIds {
  size = 0;
  /** Ids whose copies differ in content. */
  readonly conflicting = new Set<number>();
  copies = 0;
  private readonly words = [
    new PagedUint32(),
    new PagedUint32(),
    new PagedUint32(),
    new PagedUint32(),
  ];
  private readonly fingerprintHigh = new PagedUint32();
  private readonly fingerprintLow = new PagedUint32();
  private readonly keys = new PagedUint32();
  private readonly inputs = new PagedUint32();
  private readonly lines = new PagedUint32();
  private readonly copyEntries = new PagedUint32();
  private readonly copyInputs = new PagedUint32();
  private readonly copyLines = new PagedUint32();
  private slots = new Int32Array(1 << 16);
  private readonly others = new Map<string, number>();
  /** Indexes beyond 65,534 (a line holding that many records), by entry and by copy. */
  private readonly bigIndexes = new Map<number, number>();
  private readonly bigCopyIndexes = new Map<number, number>();
  private readonly scratch = new Uint32Array(4);

  /**
   * Records one copy: `fingerprint` is [high, low] 32-bit halves, `key` a number the caller
   * gives the copy's scope facts (stored plus one, so -1 fits).
   */
  see(id: string, fingerprint: readonly [number, number], key: number, place: CopyPlace): Sighting {
    const found = this.find(id);
    if (found === -1) {
      const entry = this.insert(id);
      this.keep(entry, fingerprint, key, place);
      return { entry, kept: true };
    }
    const high = this.fingerprintHigh.get(found);
    const low = this.fingerprintLow.get(found);
    if (high === fingerprint[0] && low === fingerprint[1]) {
      this.addCopy(found, place);
      return { entry: found, kept: false };
    }
    this.conflicting.add(found);
    if (fingerprint[0] < high || (fingerprint[0] === high && fingerprint[1] < low)) {
      this.addCopy(found, this.placeOf(found));
      this.keep(found, fingerprint, key, place);
      return { entry: found, kept: true };
    }
    this.addCopy(found, place);
    return { entry: found, kept: false };
  }

  keyOf(entry: number): number {
    return this.keys.get(entry) - 1;
  }

  placeOf(entry: number): CopyPlace {
    return unpack(this.inputs.get(entry), this.lines.get(entry), this.bigIndexes.get(entry));
  }

  /** The Id's number, or -1 when it was never seen. */
  entryOf(id: string): number {
    return this.find(id);
  }

  /** Every copy that is not the kept one, as [entry, place]. */
  *otherCopies(): Generator<[number, CopyPlace]> {
    for (let copy = 0; copy < this.copies; copy++) {
      const place = unpack(
        this.copyInputs.get(copy),
        this.copyLines.get(copy),
        this.bigCopyIndexes.get(copy),
      );
      yield [this.copyEntries.get(copy), place];
    }
  }

  private keep(
    entry: number,
    fingerprint: readonly [number, number],
    key: number,
    place: CopyPlace,
  ): void {
    this.fingerprintHigh.set(entry, fingerprint[0]);
    this.fingerprintLow.set(entry, fingerprint[1]);
    this.keys.set(entry, key + 1);
    this.inputs.set(entry, pack(place));
    this.lines.set(entry, place.line);
    if (place.index >= BIG_INDEX) this.bigIndexes.set(entry, place.index);
    else this.bigIndexes.delete(entry);
  }

  private addCopy(entry: number, place: CopyPlace): void {
    this.copyEntries.set(this.copies, entry);
    this.copyInputs.set(this.copies, pack(place));
    this.copyLines.set(this.copies, place.line);
    if (place.index >= BIG_INDEX) this.bigCopyIndexes.set(this.copies, place.index);
    this.copies++;
  }

  private find(id: string): number {
    if (!this.guid(id)) return this.others.get(id) ?? -1;
    const mask = this.slots.length - 1;
    for (let slot = this.hash() & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] ?? 0) - 1;
      if (entry === -1) return -1;
      if (this.sameWords(entry)) return entry;
    }
  }

  private insert(id: string): number {
    const entry = this.size++;
    if (!this.guid(id)) {
      this.others.set(id, entry);
      return entry;
    }
    for (let word = 0; word < 4; word++) this.words[word]?.set(entry, this.scratch[word] ?? 0);
    this.place(entry, this.hash());
    if (this.size > this.slots.length * MAX_LOAD) this.grow();
    return entry;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (const stored of old) {
      if (stored === 0) continue;
      const entry = stored - 1;
      for (let word = 0; word < 4; word++) this.scratch[word] = this.words[word]?.get(entry) ?? 0;
      this.place(entry, this.hash());
    }
  }

  /** Parses a lower-case GUID into `scratch`; false when the Id is no GUID. */
  private guid(id: string): boolean {
    if (id.length !== 36 || !GUID.test(id)) return false;
    this.scratch[0] = parseInt(id.slice(0, 8), 16);
    this.scratch[1] = parseInt(id.slice(9, 13) + id.slice(14, 18), 16);
    this.scratch[2] = parseInt(id.slice(19, 23) + id.slice(24, 28), 16);
    this.scratch[3] = parseInt(id.slice(28, 36), 16);
    return true;
  }

  private hash(): number {
    const [a = 0, b = 0, c = 0, d = 0] = this.scratch;
    let h = Math.imul(a ^ (b >>> 7), 0x9e3779b1) ^ Math.imul(c ^ (d << 3), 0x85ebca6b);
    h ^= Math.imul(d ^ (b << 11), 0xc2b2ae35);
    return (h ^ (h >>> 15)) >>> 0;
  }

  private sameWords(entry: number): boolean {
    for (let word = 0; word < 4; word++) {
      if (this.words[word]?.get(entry) !== this.scratch[word]) return false;
    }
    return true;
  }
}

const BIG_INDEX = 0xffff;

/** Input number (up to 65,535 inputs) and index in one word; larger indexes go in a map. */
function pack(place: CopyPlace): number {
  return ((place.input << 16) | Math.min(place.index, BIG_INDEX)) >>> 0;
}

function unpack(packed: number, line: number, big: number | undefined): CopyPlace {
  const index = packed & 0xffff;
  return { input: packed >>> 16, line, index: index === BIG_INDEX ? (big ?? index) : index };
}
