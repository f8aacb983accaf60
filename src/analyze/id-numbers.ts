import { PagedUint32 } from './paged-array.js';

const MAX_LOAD = 0.7;

/**
 * Numbers the ids it is given from 0, in the order first seen, and holds them compactly: an id
 * that is a lower-case GUID, as record Ids and session ids are once read, is kept as its 128
 * bits in typed arrays (about 24 bytes with its slot, where a JavaScript string alone takes 56
 * and a map entry as much again), and its text is made again when asked for. Any other text is
 * kept as it is, in a map. At a million audit records this holds the million record Ids and
 * the few hundred thousand session ids.
 */
export class IdNumbers {
  size = 0;
  private readonly words = [
    new PagedUint32(),
    new PagedUint32(),
    new PagedUint32(),
    new PagedUint32(),
  ];
  private slots = new Int32Array(1 << 16);
  private readonly others = new Map<string, number>();
  private readonly otherTexts = new Map<number, string>();
  private readonly scratch = new Uint32Array(4);

  /**
   * The last two ids found or added, with their numbers: a record's session ids are looked up
   * several times over (its key, the running pivot), and a number never changes once given.
   */
  private readonly recentIds = ['', ''];
  private readonly recentNumbers = [-1, -1];
  private recent = 0;

  /** The id's number, or -1 when it was never added. */
  find(id: string): number {
    const known = this.recentNumberOf(id);
    if (known !== -1) return known;
    if (!this.guid(id)) return this.remember(id, this.others.get(id) ?? -1);
    return this.remember(id, (this.slots[this.slotOf()] ?? 0) - 1);
  }

  /** The id's number, numbering it when it is new. */
  add(id: string): number {
    const known = this.recentNumberOf(id);
    if (known !== -1) return known;
    return this.remember(id, this.numbered(id));
  }

  private numbered(id: string): number {
    if (!this.guid(id)) {
      const known = this.others.get(id);
      if (known !== undefined) return known;
      const number = this.size++;
      this.others.set(id, number);
      this.otherTexts.set(number, id);
      return number;
    }
    const slot = this.slotOf();
    const known = (this.slots[slot] ?? 0) - 1;
    if (known !== -1) return known;
    const number = this.size++;
    for (let word = 0; word < 4; word++) this.words[word]?.set(number, this.scratch[word] ?? 0);
    this.slots[slot] = number + 1;
    if (this.size > this.slots.length * MAX_LOAD) this.grow();
    return number;
  }

  /** True when the id numbered `number` is no lower-case GUID, and so kept as its text. */
  keptAsText(number: number): boolean {
    return this.otherTexts.has(number);
  }

  /** The id numbered `number`, as it was added. */
  textOf(number: number): string {
    const other = this.otherTexts.get(number);
    if (other !== undefined) return other;
    let text = '';
    for (let word = 0; word < 4; word++) {
      text += (this.words[word]?.get(number) ?? 0).toString(16).padStart(8, '0');
    }
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }

  private recentNumberOf(id: string): number {
    if (id === this.recentIds[0]) return this.recentNumbers[0] ?? -1;
    if (id === this.recentIds[1]) return this.recentNumbers[1] ?? -1;
    return -1;
  }

  /** Keeps a number found (never -1: an id not found yet may be added later). */
  private remember(id: string, number: number): number {
    if (number === -1) return number;
    this.recentIds[this.recent] = id;
    this.recentNumbers[this.recent] = number;
    this.recent = 1 - this.recent;
    return number;
  }

  /** The slot of the GUID in `scratch`: where it is, or the empty slot where it would go. */
  private slotOf(): number {
    const mask = this.slots.length - 1;
    let slot = this.hash() & mask;
    for (;;) {
      const number = (this.slots[slot] ?? 0) - 1;
      if (number === -1 || this.sameWords(number)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (const stored of old) {
      if (stored === 0) continue;
      const number = stored - 1;
      for (let word = 0; word < 4; word++) this.scratch[word] = this.words[word]?.get(number) ?? 0;
      const mask = this.slots.length - 1;
      let slot = this.hash() & mask;
      while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = stored;
    }
  }

  /**
   * Reads a lower-case GUID (`8-4-4-4-12` hexadecimal digits) into `scratch` as four 32-bit
   * words; false for any other text, which is then kept as text. One is read for every record,
   * so character by character rather than with a regular expression and slices.
   */
  private guid(id: string): boolean {
    if (id.length !== 36) return false;
    let at = 0;
    for (let word = 0; word < 4; word++) {
      let value = 0;
      for (let digit = 0; digit < 8; digit++) {
        if (at === 8 || at === 13 || at === 18 || at === 23) {
          if (id.charCodeAt(at) !== 0x2d) return false;
          at++;
        }
        const nibble = hexValue(id.charCodeAt(at++));
        if (nibble === -1) return false;
        value = (value << 4) | nibble;
      }
      this.scratch[word] = value >>> 0;
    }
    return true;
  }

  private hash(): number {
    const [a = 0, b = 0, c = 0, d = 0] = this.scratch;
    let h = Math.imul(a ^ (b >>> 7), 0x9e3779b1) ^ Math.imul(c ^ (d << 3), 0x85ebca6b);
    h ^= Math.imul(d ^ (b << 11), 0xc2b2ae35);
    return (h ^ (h >>> 15)) >>> 0;
  }

  private sameWords(number: number): boolean {
    for (let word = 0; word < 4; word++) {
      if (this.words[word]?.get(number) !== this.scratch[word]) return false;
    }
    return true;
  }
}

/** 0 to 15 for `0-9a-f`, -1 for anything else (upper case included: ids are lower-cased). */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}
