import { IdNumbers } from './id-numbers.js';
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

/**
 * Every record Id seen, compactly (rule 1: the same Id in several inputs counts once). An Id
 * that is a GUID, as Microsoft writes them, is kept as its 128 bits (IdNumbers), exactly:
 * about 40 bytes per Id with the fields below, where a JavaScript string and map entry would
 * take well over 100. Other Ids (test data, odd feeds) are kept as text.
 *
 * Per Id it keeps which copy is kept (place, key of its scope facts) and a 64-bit fingerprint
 * of that copy's content; every other copy's place is kept in a list of copies. Of copies that
 * differ in content, the one kept is the one with the lowest fingerprint: a rule that depends on
 * the contents alone, never on file names or the order of inputs. Of identical copies the one
 * read first is kept, which only decides which input counts it.
 */
export class DistinctIds {
  /** Ids whose copies differ in content. */
  readonly conflicting = new Set<number>();
  copies = 0;
  private readonly ids = new IdNumbers();
  private readonly fingerprintHigh = new PagedUint32();
  private readonly fingerprintLow = new PagedUint32();
  private readonly keys = new PagedUint32();
  private readonly inputs = new PagedUint32();
  private readonly lines = new PagedUint32();
  private readonly copyEntries = new PagedUint32();
  private readonly copyInputs = new PagedUint32();
  private readonly copyLines = new PagedUint32();
  /** Indexes beyond 65,534 (a line holding that many records), by entry and by copy. */
  private readonly bigIndexes = new Map<number, number>();
  private readonly bigCopyIndexes = new Map<number, number>();

  /**
   * Records one copy: `fingerprint` is [high, low] 32-bit halves, `key` a number the caller
   * gives the copy's scope facts (stored plus one, so -1 fits).
   */
  see(id: string, fingerprint: readonly [number, number], key: number, place: CopyPlace): Sighting {
    const known = this.ids.size;
    const found = this.ids.add(id);
    if (found >= known) {
      this.keep(found, fingerprint, key, place);
      return { entry: found, kept: true };
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

  /** How many distinct Ids were seen; entries are numbered from 0. */
  get size(): number {
    return this.ids.size;
  }

  keyOf(entry: number): number {
    return this.keys.get(entry) - 1;
  }

  placeOf(entry: number): CopyPlace {
    return unpack(this.inputs.get(entry), this.lines.get(entry), this.bigIndexes.get(entry));
  }

  /** The Id's number, or -1 when it was never seen. */
  entryOf(id: string): number {
    return this.ids.find(id);
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
