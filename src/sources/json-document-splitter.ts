import { BoundedText, MAX_RECORD_CHARS } from './text-lines.js';

/**
 * What the splitter finds in a JSON document: a record's text with the line it starts on, a
 * member of a Graph page other than its `value` array (`@odata.nextLink`, ...), or the start
 * of a page's `value` array. `root` numbers the top-level values of the text from 1.
 */
export type JsonPiece =
  | { kind: 'record'; line: number; text: string; oversize?: number }
  | { kind: 'member'; line: number; root: number; key: string; text: string }
  | { kind: 'page'; line: number; root: number };

interface Capture {
  line: number;
  /** Nesting depth outside the captured value. */
  depth: number;
  shape: 'container' | 'string' | 'scalar';
  /** Page member name; null for a record. */
  key: string | null;
  text: BoundedText;
  /** Where the capture starts in the current chunk (0 once it spans chunks). */
  start: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Splits a JSON document into its records without parsing the whole, so that a large export
 * streams and each record knows the line it starts on. Records are the elements of a top-level
 * array, the elements of the `value` array of a top-level Graph page
 * (`{"@odata.context":..., "value":[...]}`), or a top-level object that is no page. Several
 * top-level values may follow each other (arrays appended to one file). Each record's text is
 * parsed by the caller, so one broken record is rejected alone.
 */
export class JsonDocumentSplitter {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private root = 0;
  private rootIsObject = false;
  /** Depth at which values are records: 1 in a top-level array, 2 in a page's `value`. */
  private recordDepth: number | null = null;
  private expectKey = false;
  private key: string | null = null;
  private keyCapture: Capture | null = null;
  private capture: Capture | null = null;
  /** A top-level object, kept until it turns out to be a page (then dropped) or a record. */
  private rootCapture: Capture | null = null;

  push(chunk: string): JsonPiece[] {
    const pieces: JsonPiece[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        this.stringChar(c, chunk, i, pieces);
        continue;
      }
      const capture = this.capture;
      if (capture?.shape === 'scalar' && this.depth === capture.depth && endsScalar(c)) {
        this.finish(capture, chunk, i, pieces);
      }
      if (c === LF) {
        this.line++;
        continue;
      }
      if (isSpace(c)) continue;
      if (this.capture === null) this.maybeStartCapture(c, i);
      this.structuralChar(c, chunk, i, pieces);
    }
    for (const open of [this.capture, this.rootCapture, this.keyCapture]) {
      if (open !== null) {
        open.text.push(chunk.slice(open.start));
        open.start = 0;
      }
    }
    return pieces;
  }

  /** Whatever is left: a record cut off by the end of the text is returned as it is. */
  end(): { pieces: JsonPiece[]; complete: boolean; line: number } {
    const pieces: JsonPiece[] = [];
    const scalarEnded = this.capture?.shape === 'scalar' && this.depth === this.capture.depth;
    const complete = this.depth === 0 && !this.inString && (this.capture === null || scalarEnded);
    for (const open of [this.capture, this.rootCapture]) {
      if (open?.key === null) pieces.push(recordPiece(open.line, open.text));
    }
    return { pieces, complete, line: this.line };
  }

  private stringChar(c: number, chunk: string, i: number, pieces: JsonPiece[]): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (c === BACKSLASH) {
      this.escaped = true;
    } else if (c === QUOTE) {
      this.inString = false;
      if (this.keyCapture !== null) {
        this.keyCapture.text.push(chunk.slice(this.keyCapture.start, i + 1));
        this.key = parseKey(this.keyCapture.text.take().text);
        this.keyCapture = null;
      } else if (this.capture?.shape === 'string' && this.depth === this.capture.depth) {
        this.finish(this.capture, chunk, i + 1, pieces);
      }
    } else if (c === LF) {
      this.line++;
    }
  }

  private maybeStartCapture(c: number, i: number): void {
    if (c === COMMA || c === COLON || c === CLOSE_BRACE || c === CLOSE_BRACKET) return;
    let key: string | null;
    if (this.depth === 0) {
      if (c === OPEN_BRACE || c === OPEN_BRACKET) return;
      key = null;
    } else if (this.depth === this.recordDepth) {
      key = null;
    } else if (this.depth === 1 && this.rootIsObject && !this.expectKey) {
      if (this.key === 'value' && c === OPEN_BRACKET) return;
      key = this.key ?? '';
    } else {
      return;
    }
    const shape =
      c === OPEN_BRACE || c === OPEN_BRACKET ? 'container' : c === QUOTE ? 'string' : 'scalar';
    this.capture = {
      line: this.line,
      depth: this.depth,
      shape,
      key,
      text: new BoundedText(),
      start: i,
    };
  }

  private structuralChar(c: number, chunk: string, i: number, pieces: JsonPiece[]): void {
    switch (c) {
      case QUOTE:
        this.inString = true;
        if (this.depth === 1 && this.rootIsObject && this.expectKey) {
          this.keyCapture = {
            line: this.line,
            depth: 1,
            shape: 'string',
            key: '',
            text: new BoundedText(),
            start: i,
          };
        }
        return;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        this.open(c, i, pieces);
        return;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        this.close(chunk, i, pieces);
        return;
      case COMMA:
        if (this.depth === 1 && this.rootIsObject) this.expectKey = true;
        return;
      case COLON:
        if (this.depth === 1 && this.rootIsObject) this.expectKey = false;
        return;
      default:
        return;
    }
  }

  private open(c: number, i: number, pieces: JsonPiece[]): void {
    if (this.depth === 0) {
      this.root++;
      this.rootIsObject = c === OPEN_BRACE;
      this.recordDepth = this.rootIsObject ? null : 1;
      this.expectKey = this.rootIsObject;
      this.key = null;
      if (this.rootIsObject) {
        this.rootCapture = {
          line: this.line,
          depth: 0,
          shape: 'container',
          key: null,
          text: new BoundedText(),
          start: i,
        };
      }
    } else if (
      this.depth === 1 &&
      this.rootIsObject &&
      this.key === 'value' &&
      c === OPEN_BRACKET
    ) {
      this.recordDepth = 2;
      this.rootCapture = null;
      pieces.push({ kind: 'page', line: this.line, root: this.root });
    }
    this.depth++;
  }

  private close(chunk: string, i: number, pieces: JsonPiece[]): void {
    if (this.depth === 0) return;
    this.depth--;
    const capture = this.capture;
    if (capture?.shape === 'container' && this.depth === capture.depth) {
      this.finish(capture, chunk, i + 1, pieces);
    }
    if (this.depth === 1 && this.recordDepth === 2) this.recordDepth = null;
    if (this.depth === 0) {
      if (this.rootCapture !== null) this.finish(this.rootCapture, chunk, i + 1, pieces);
      this.rootCapture = null;
      this.rootIsObject = false;
      this.recordDepth = null;
    }
  }

  private finish(capture: Capture, chunk: string, end: number, pieces: JsonPiece[]): void {
    capture.text.push(chunk.slice(capture.start, end));
    if (capture.key === null) {
      pieces.push(recordPiece(capture.line, capture.text));
    } else {
      const { text } = capture.text.take();
      pieces.push({ kind: 'member', line: capture.line, root: this.root, key: capture.key, text });
    }
    if (capture === this.capture) this.capture = null;
  }
}

function recordPiece(line: number, captured: BoundedText): JsonPiece {
  const { text, length } = captured.take();
  return length > MAX_RECORD_CHARS
    ? { kind: 'record', line, text, oversize: length }
    : { kind: 'record', line, text };
}

/** JSON whitespace, and the byte order mark that starts each file of a concatenation. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === LF || c === BYTE_ORDER_MARK;
}

function endsScalar(c: number): boolean {
  return isSpace(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET;
}

function parseKey(text: string): string | null {
  try {
    const key: unknown = JSON.parse(text);
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}
