import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Characters of decoded text given to the readers' `detect`: enough for a first record. */
export const HEAD_CHARS = 1 << 20;

const READ_BYTES = 1 << 16;

/** What was read of a file, for the chain of custody. */
export interface ReadDigest {
  /** SHA-256 of exactly the bytes read, hex. */
  sha256: string;
  bytes: number;
  /** Size and modification time when the file was opened. */
  opened: FileState;
  /** Why the bytes read may not be the file as it was opened; null when they are. */
  changed: string | null;
}

export interface FileState {
  size: number;
  mtimeMs: number;
}

export interface DecodedText {
  /** The start of the text (up to HEAD_CHARS, the whole text when shorter), BOM removed. */
  head: string;
  /** The whole text in chunks, from the start. Can be iterated once. */
  chunks: AsyncIterable<string>;
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** Size of the file when it was opened. */
  size: number;
  /** As chosen by the byte order mark. */
  encoding: TextEncodingName;
  /** After `chunks` has been read: true when some bytes were no UTF-8 and were replaced. */
  hadInvalidUtf8(): boolean;
  /**
   * Closes the file (awaiting the close, so no descriptor outlives the read). Returns the digest
   * of the bytes read when the text was read to its end, else null.
   */
  close(): Promise<ReadDigest | null>;
}

/**
 * Opens a file as text, streaming. The encoding is chosen by byte order mark: UTF-8 (with or
 * without BOM, as Windows PowerShell writes it), UTF-16LE (`Out-File`, `>`) or UTF-16BE.
 * Invalid UTF-8 is decoded with U+FFFD and flagged, never silently. The bytes are hashed as they
 * are read, so the hash in the manifest is of exactly the bytes analysed; a size or modification
 * time that changes while the file is read is reported. Rejects when the file cannot be opened.
 */
export async function openText(path: string): Promise<DecodedText> {
  const handle = await open(path, 'r');
  let bytes: FileBytes;
  try {
    const stats = await handle.stat();
    bytes = new FileBytes(handle, { size: stats.size, mtimeMs: stats.mtimeMs });
  } catch (error) {
    await handle.close();
    throw error;
  }
  const decoder = new StreamingDecoder();
  const source = decoder.decode(bytes.chunks());
  const buffered: string[] = [];
  let length = 0;
  let done = false;
  try {
    while (length < HEAD_CHARS) {
      const next = await source.next();
      if (next.done === true) {
        done = true;
        break;
      }
      buffered.push(next.value);
      length += next.value.length;
    }
  } catch (error) {
    await bytes.close();
    throw error;
  }
  const head = buffered.join('').slice(0, HEAD_CHARS);
  async function* chunks(): AsyncGenerator<string> {
    yield* buffered;
    buffered.length = 0;
    if (!done) yield* source;
  }
  return {
    head,
    chunks: chunks(),
    bytesRead: () => bytes.read,
    size: bytes.opened.size,
    encoding: decoder.encoding,
    hadInvalidUtf8: () => decoder.invalidUtf8,
    close: async () => {
      await source.return(undefined);
      return bytes.close();
    },
  };
}

/** A file's bytes in chunks, hashed as they are read; the handle is closed by `close`. */
class FileBytes {
  read = 0;
  ended = false;
  private closed = false;
  /** The read under way, if any: awaited before the handle is closed. */
  private ahead: Promise<Buffer | null> = Promise.resolve(null);
  readonly hash = createHash('sha256');

  constructor(
    private readonly handle: FileHandle,
    readonly opened: FileState,
  ) {}

  /**
   * The chunks in order. The next chunk is read while this one is decoded and parsed, as a
   * read stream reads ahead: otherwise the parsing waits for every read (31,000 of them in
   * 2 GB).
   */
  async *chunks(): AsyncGenerator<Buffer> {
    for (let chunk = await this.readAhead(); chunk !== null; chunk = await this.ahead) {
      void this.readAhead();
      yield chunk;
    }
    this.ended = true;
  }

  /** Starts the next read; its failure is met when it is awaited, not as unhandled meanwhile. */
  private readAhead(): Promise<Buffer | null> {
    this.ahead = this.next();
    this.ahead.catch(() => null);
    return this.ahead;
  }

  /** One chunk, hashed; null at the end. Called only once the chunk before it is read. */
  private async next(): Promise<Buffer | null> {
    // A fresh buffer per chunk: the decoder may keep the tail of one until the next.
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const { bytesRead } = await this.handle.read(buffer, 0, READ_BYTES, null);
    if (bytesRead === 0) return null;
    const chunk = buffer.subarray(0, bytesRead);
    this.hash.update(chunk);
    this.read += bytesRead;
    return chunk;
  }

  async close(): Promise<ReadDigest | null> {
    if (this.closed) return null;
    this.closed = true;
    // A read ahead that nobody took (reading stopped early) must not outlive the handle; its
    // failure, if any, no longer matters.
    await this.ahead.catch(() => null);
    return closeHashed(this.handle, this);
  }
}

/**
 * Closes a file that was read and hashed from its start: the digest of the bytes read, with
 * what changed since the file was opened; null when it was not read to its end.
 */
export async function closeHashed(
  handle: FileHandle,
  file: { hash: Hash; read: number; ended: boolean; opened: FileState },
): Promise<ReadDigest | null> {
  let now: FileState;
  try {
    const stats = await handle.stat();
    now = { size: stats.size, mtimeMs: stats.mtimeMs };
  } finally {
    await handle.close();
  }
  if (!file.ended) return null;
  return {
    sha256: file.hash.digest('hex'),
    bytes: file.read,
    opened: file.opened,
    changed: changeOf(file.opened, now, file.read),
  };
}

function changeOf(opened: FileState, now: FileState, read: number): string | null {
  if (now.size !== opened.size || read !== opened.size) {
    return `its size changed while it was read (${opened.size} bytes when opened, ${read} read, ${now.size} now)`;
  }
  if (now.mtimeMs !== opened.mtimeMs) return 'it was modified while it was read';
  return null;
}

class StreamingDecoder {
  invalidUtf8 = false;
  encoding: TextEncodingName = 'utf-8';
  private decoder: StringDecoder | null = null;
  /** UTF-8: the bytes of a character split between chunks. UTF-16BE: an odd last byte. */
  private pending: Buffer = Buffer.alloc(0);

  async *decode(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
    // The byte order mark is up to 3 bytes; a first chunk can be shorter.
    let start = Buffer.alloc(0);
    for await (const chunk of bytes) {
      if (this.decoder !== null) {
        yield this.write(this.decoder, chunk);
        continue;
      }
      start = Buffer.concat([start, chunk]);
      if (start.length >= 3) yield this.begin(start);
    }
    if (this.decoder === null) yield this.begin(start);
    if (this.encoding === 'utf-8') {
      // A character cut off by the end of the file.
      if (this.pending.length > 0) this.invalidUtf8 = true;
      yield this.decoder?.end() ?? '';
    } else {
      // An odd last byte of UTF-16BE: the decoder turns it into U+FFFD.
      yield (this.decoder?.write(this.pending) ?? '') + (this.decoder?.end() ?? '');
    }
  }

  private begin(start: Buffer): string {
    const mark = byteOrderMark(start);
    this.encoding = mark.encoding;
    this.decoder = new StringDecoder(mark.encoding === 'utf-8' ? 'utf8' : 'utf16le');
    return this.write(this.decoder, start.subarray(mark.length));
  }

  private write(decoder: StringDecoder, bytes: Buffer): string {
    if (this.encoding === 'utf-16be') {
      const all = Buffer.concat([this.pending, bytes]);
      const even = all.length - (all.length % 2);
      this.pending = all.subarray(even);
      return decoder.write(Buffer.from(all.subarray(0, even)).swap16());
    }
    if (this.encoding === 'utf-8' && !this.invalidUtf8) {
      const all = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
      const complete = completeUtf8Length(all);
      if (!isUtf8(all.subarray(0, complete))) this.invalidUtf8 = true;
      this.pending = all.subarray(complete);
    }
    return decoder.write(bytes);
  }
}

function byteOrderMark(start: Buffer): { encoding: TextEncodingName; length: number } {
  if (start[0] === 0xff && start[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (start[0] === 0xfe && start[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  return { encoding: 'utf-8', length: 0 };
}

/** Length of the prefix that ends on a UTF-8 character boundary (a split character waits). */
export function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return size > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
