import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Characters of decoded text given to the readers' `detect`: enough for a first record. */
export const HEAD_CHARS = 1 << 20;

export interface DecodedText {
  /** The start of the text (up to HEAD_CHARS, the whole text when shorter), BOM removed. */
  head: string;
  /** The whole text in chunks, from the start. Can be iterated once. */
  chunks: AsyncIterable<string>;
  /** After `chunks` has been read: true when some bytes were no UTF-8 and were replaced. */
  hadInvalidUtf8(): boolean;
  /** Closes the file when the text is not read to its end. */
  close(): Promise<void>;
}

/**
 * Opens a file as text, streaming. The encoding is chosen by byte order mark: UTF-8 (with or
 * without BOM, as Windows PowerShell writes it), UTF-16LE (`Out-File`, `>`) or UTF-16BE.
 * Invalid UTF-8 is decoded with U+FFFD and flagged, never silently. Rejects when the file
 * cannot be opened or read.
 */
export async function openText(path: string): Promise<DecodedText> {
  const decoder = new StreamingDecoder();
  const source = decoder.decode(createReadStream(path, { highWaterMark: 1 << 20 }));
  const buffered: string[] = [];
  let length = 0;
  let done = false;
  while (length < HEAD_CHARS) {
    const next = await source.next();
    if (next.done === true) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  const head = buffered.join('').slice(0, HEAD_CHARS);
  async function* chunks(): AsyncGenerator<string> {
    yield* buffered;
    if (!done) yield* source;
  }
  return {
    head,
    chunks: chunks(),
    hadInvalidUtf8: () => decoder.invalidUtf8,
    close: async () => {
      await source.return(undefined);
    },
  };
}

class StreamingDecoder {
  invalidUtf8 = false;
  private encoding: TextEncodingName = 'utf-8';
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
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return size > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
