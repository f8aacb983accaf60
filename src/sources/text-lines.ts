/** The text of one record (a line, a CSV record, a JSON value) and the 1-based line it starts on. */
export interface TextRecord {
  line: number;
  text: string;
}

/** Cuts text into lines at LF (a CR before it is dropped), skipping blank lines. */
export class LineSplitter {
  private line = 1;
  private parts: string[] = [];

  push(chunk: string): TextRecord[] {
    const lines: TextRecord[] = [];
    let start = 0;
    let end = chunk.indexOf('\n');
    while (end !== -1) {
      this.parts.push(chunk.slice(start, end));
      this.emit(lines);
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    this.parts.push(chunk.slice(start));
    return lines;
  }

  end(): TextRecord[] {
    const lines: TextRecord[] = [];
    this.emit(lines);
    return lines;
  }

  private emit(lines: TextRecord[]): void {
    let text = this.parts.join('');
    this.parts = [];
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() !== '') lines.push({ line: this.line, text });
    this.line++;
  }
}
