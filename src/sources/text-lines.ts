/**
 * The most characters one record's text may have (a line, a CSV record, a JSON value). The
 * largest real audit records are a few hundred kilobytes; a longer one is no record but a
 * broken or hostile file, and holding it (and then parsing it) would take many times its size
 * in memory. Longer text is counted, not kept, and the record is rejected with its line.
 */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/**
 * The text of one record (a line, a CSV record, a JSON value) and the 1-based line it starts
 * on. `oversize` is set, and `text` empty, when the text was longer than MAX_RECORD_CHARS.
 */
export interface TextRecord {
  line: number;
  text: string;
  oversize?: number;
}

/** Pieces of one record's text, kept only while the whole stays within MAX_RECORD_CHARS. */
export class BoundedText {
  private parts: string[] = [];
  private length = 0;

  push(part: string): void {
    this.length += part.length;
    if (this.length > MAX_RECORD_CHARS) this.parts = [];
    else if (part !== '') this.parts.push(part);
  }

  /** The text and its length so far; the text is '' when it was too long to keep. */
  take(): { text: string; length: number } {
    const length = this.length;
    const text = length > MAX_RECORD_CHARS ? '' : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return { text, length };
  }
}

/** The rejection of a record too long to read, in the words its reader reports. */
export function oversizeMessage(length: number): string {
  const mib = (chars: number) => `${Math.ceil(chars / (1024 * 1024))} MiB`;
  return `The record is ${mib(length)} long, more than the ${mib(MAX_RECORD_CHARS)} a record may have: it was not read`;
}

/** Cuts text into lines at LF (a CR before it is dropped), skipping blank lines. */
export class LineSplitter {
  private line = 1;
  private current = new BoundedText();

  push(chunk: string): TextRecord[] {
    const lines: TextRecord[] = [];
    let start = 0;
    let end = chunk.indexOf('\n');
    while (end !== -1) {
      this.current.push(chunk.slice(start, end));
      this.emit(lines);
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    this.current.push(chunk.slice(start));
    return lines;
  }

  end(): TextRecord[] {
    const lines: TextRecord[] = [];
    this.emit(lines);
    return lines;
  }

  private emit(lines: TextRecord[]): void {
    const { text, length } = this.current.take();
    if (text === '' && length > MAX_RECORD_CHARS) {
      lines.push({ line: this.line, text: '', oversize: length });
    } else {
      const line = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (line.trim() !== '') lines.push({ line: this.line, text: line });
    }
    this.line++;
  }
}
