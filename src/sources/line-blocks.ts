import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { closeHashed, completeUtf8Length, type FileState, type ReadDigest } from './decode-text.js';
import { MAX_RECORD_CHARS } from './text-lines.js';

/** One piece of a UTF-8 file cut at line ends, in file order. */
export type LineBlock =
  | {
      /**
       * Whole lines: from a line's start (after the byte order mark, for the first) through a
       * newline, or through the end of the file for the last. Its own ArrayBuffer, so it can be
       * moved to a worker thread without a copy.
       */
      bytes: Uint8Array;
    }
  | {
      /**
       * One line longer than a record may be (MAX_RECORD_CHARS), not kept: its length in
       * characters, whether it was ended by a newline (not by the end of the file), and
       * whether some of its bytes were no UTF-8.
       */
      oversize: number;
      newline: boolean;
      invalidUtf8: boolean;
    };

const NEWLINE = 0x0a;
/** How much of a line too long to keep is read at a time. */
const SKIP_BYTES = 1 << 20;

/**
 * A UTF-8 file read in blocks of about `blockBytes` that end at line ends, so that each can be
 * parsed on its own (a newline byte is never part of another UTF-8 character), hashed as it is
 * read: the digest is of exactly the bytes handed out, read once. A line longer than a block
 * makes a longer block; a line longer than a record may be is counted, not kept (its bytes
 * are at least its characters, so only a line of more than MAX_RECORD_CHARS bytes is counted
 * character by character). One that ends within a block of the bound goes whole to a parse
 * thread, whose line splitter rejects it alike: no more than the bound and a block is held.
 */
export class LineBlocks {
  read = 0;
  ended = false;
  private pending = new Uint8Array(0);
  private closed = false;
  /** Whether the start of the file (a byte order mark or not) has been seen. */
  private started = false;
  readonly hash = createHash('sha256');

  private constructor(
    private readonly handle: FileHandle,
    readonly opened: FileState,
    private readonly blockBytes: number,
  ) {}

  static async open(path: string, blockBytes: number): Promise<LineBlocks> {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      return new LineBlocks(handle, { size: stats.size, mtimeMs: stats.mtimeMs }, blockBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The next block, null after the last. */
  async next(): Promise<LineBlock | null> {
    for (;;) {
      const cut = this.pending.length >= this.blockBytes ? this.pending.lastIndexOf(NEWLINE) : -1;
      if (cut !== -1) return { bytes: this.take(cut + 1) };
      if (this.ended) {
        return this.pending.length === 0 ? null : { bytes: this.take(this.pending.length) };
      }
      if (this.pending.length > MAX_RECORD_CHARS && this.pending.indexOf(NEWLINE) === -1) {
        const line = await this.longLine();
        if (line !== null) return line;
        continue;
      }
      // A line without its end grows the reads (doubling), but stops at one byte over the
      // bound first, so that a line too long to be a record is never held whole.
      const room = MAX_RECORD_CHARS + 1 - this.pending.length;
      const more = room > 0 ? Math.min(this.pending.length, room) : this.pending.length;
      await this.readMore(Math.max(this.blockBytes, more));
    }
  }

  /** Reads up to `bytes` more after what is pending; sets `ended` at the end of the file. */
  private async readMore(bytes: number): Promise<void> {
    const buffer = new Uint8Array(this.pending.length + bytes);
    buffer.set(this.pending);
    const { bytesRead } = await this.handle.read(buffer, this.pending.length, bytes, null);
    const length = this.pending.length + bytesRead;
    this.hash.update(buffer.subarray(this.pending.length, length));
    this.read += bytesRead;
    if (bytesRead === 0) this.ended = true;
    let start = 0;
    if (!this.started && (length >= 3 || this.ended)) {
      // Nothing has been handed out yet, so the buffer starts at the start of the file.
      this.started = true;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
    }
    this.pending = buffer.subarray(start, length);
  }

  /** The first `length` pending bytes as a block of its own; the rest stays pending. */
  private take(length: number): Uint8Array {
    // A newline within the first two bytes: the file starts with no byte order mark.
    this.started = true;
    const block = this.pending.subarray(0, length);
    this.pending = this.pending.slice(length);
    return block;
  }

  /**
   * A pending line of more than MAX_RECORD_CHARS bytes without its end yet: read on, counting
   * its characters, until it ends. Null when it is short enough to be a record after all (it is
   * then pending, whole, with its end), else the line counted and dropped.
   */
  private async longLine(): Promise<LineBlock | null> {
    const count = new Utf8Count();
    count.add(this.pending);
    let keeping = true;
    for (;;) {
      if (count.chars > MAX_RECORD_CHARS) keeping = false;
      if (!keeping) this.pending = new Uint8Array(0);
      const at = this.pending.length;
      await this.readMore(Math.max(this.blockBytes, at, SKIP_BYTES));
      if (this.ended) break;
      const added = this.pending.subarray(at);
      const newline = added.indexOf(NEWLINE);
      count.add(newline === -1 ? added : added.subarray(0, newline));
      if (newline === -1) continue;
      if (keeping && count.end() <= MAX_RECORD_CHARS) return null;
      this.pending = added.slice(newline + 1);
      return count.line(true);
    }
    if (keeping && count.end() <= MAX_RECORD_CHARS) return null;
    this.pending = new Uint8Array(0);
    return count.line(false);
  }

  async close(): Promise<ReadDigest | null> {
    if (this.closed) return null;
    this.closed = true;
    return closeHashed(this.handle, this);
  }
}

/** The characters of UTF-8 bytes given in pieces, as the decoder would make them. */
class Utf8Count {
  chars = 0;
  private invalid = false;
  private readonly decoder = new StringDecoder('utf8');
  private tail: Uint8Array = new Uint8Array(0);

  add(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += 1 << 16) {
      const piece = bytes.subarray(at, at + (1 << 16));
      this.chars += this.decoder.write(
        Buffer.from(piece.buffer, piece.byteOffset, piece.length),
      ).length;
      const all = Buffer.concat([this.tail, piece]);
      const complete = completeUtf8Length(all);
      if (!isUtf8(all.subarray(0, complete))) this.invalid = true;
      this.tail = all.subarray(complete);
    }
  }

  end(): number {
    this.chars += this.decoder.end().length;
    if (this.tail.length > 0) this.invalid = true;
    this.tail = new Uint8Array(0);
    return this.chars;
  }

  line(newline: boolean): LineBlock {
    return { oversize: this.end(), newline, invalidUtf8: this.invalid };
  }
}
