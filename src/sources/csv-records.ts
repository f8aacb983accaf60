import { parse } from 'csv-parse/sync';
import { cachedForHead } from './head-cache.js';
import { rowAt, type RawRow } from './reader.js';
import { RowRejection } from './row-rejection.js';
import { BoundedText, MAX_RECORD_CHARS, oversizeMessage, type TextRecord } from './text-lines.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts CSV text into records (RFC 4180: a quote opens a field only at its start, `""` inside
 * quotes is a quote, a line break inside quotes belongs to the field) and counts lines itself.
 * csv-parse's own line counter counts a CRLF inside a quoted field twice, and Windows exports
 * carry exactly that in their AuditData cells, so lines come from here and fields from
 * parseCsvFields. A quoted field is crossed from quote to quote, not character by character:
 * an AuditData cell is most of a record. Lines end at LF (a CR before it is dropped); blank lines are skipped, and so is
 * the `#TYPE ...` line Windows PowerShell's Export-Csv writes first without
 * `-NoTypeInformation`.
 */
export class CsvRecordSplitter {
  private line = 1;
  private recordLine = 1;
  private current = new BoundedText();
  private inQuotes = false;
  private quoteInQuotes = false;
  private fieldStart = true;
  private first = true;

  push(chunk: string): TextRecord[] {
    const records: TextRecord[] = [];
    let start = 0;
    // Where the next line break of the chunk is (chunk.length when none): quoted fields are
    // crossed from quote to quote, and the line breaks inside them counted from here.
    let nextLf = -1;
    let i = 0;
    while (i < chunk.length) {
      if (this.inQuotes) {
        if (this.quoteInQuotes) {
          this.quoteInQuotes = false;
          if (chunk.charCodeAt(i) === QUOTE) {
            i++;
            continue;
          }
          this.inQuotes = false;
        } else {
          const quote = chunk.indexOf('"', i);
          const end = quote === -1 ? chunk.length : quote;
          if (nextLf < i) nextLf = indexOrEnd(chunk, '\n', i);
          while (nextLf < end) {
            this.line++;
            nextLf = indexOrEnd(chunk, '\n', nextLf + 1);
          }
          if (quote !== -1) this.quoteInQuotes = true;
          i = end + 1;
          continue;
        }
      }
      const c = chunk.charCodeAt(i);
      if (c === LF) {
        this.current.push(chunk.slice(start, i));
        this.emit(records);
        start = i + 1;
        this.line++;
        this.recordLine = this.line;
      } else if (c === COMMA) {
        this.fieldStart = true;
      } else if (c === QUOTE && this.fieldStart) {
        this.inQuotes = true;
        this.fieldStart = false;
      } else if (c !== CR) {
        this.fieldStart = false;
      }
      i++;
    }
    this.current.push(chunk.slice(start));
    return records;
  }

  /** The last record, when the text does not end with a line break (or ends inside quotes). */
  end(): TextRecord[] {
    const records: TextRecord[] = [];
    this.emit(records);
    return records;
  }

  private emit(records: TextRecord[]): void {
    const taken = this.current.take();
    let text = taken.text;
    this.inQuotes = false;
    this.quoteInQuotes = false;
    this.fieldStart = true;
    if (taken.length > MAX_RECORD_CHARS) {
      this.first = false;
      records.push({ line: this.recordLine, text: '', oversize: taken.length });
      return;
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    const typeLine = this.first && text.startsWith('#TYPE ');
    this.first = false;
    if (!typeLine) records.push({ line: this.recordLine, text });
  }
}

const PARSE_OPTIONS = { relax_column_count: true, record_delimiter: '\n', bom: false } as const;

/**
 * The fields of each record. A well-formed record (every field unquoted without quotes, or
 * quoted with inner quotes doubled and closed right before a comma or the end) is cut here, as
 * csv-parse would cut it; any other goes to csv-parse, which reads it or says what is wrong with
 * it, and the record is rejected with that.
 */
export function parseCsvFields(records: readonly TextRecord[]): RawRow<string[]>[] {
  return records.map(csvRecordFields);
}

/** The fields of one record (see parseCsvFields). */
export function csvRecordFields(record: TextRecord): RawRow<string[]> {
  if (record.oversize !== undefined) {
    return {
      line: record.line,
      problem: { code: 'unreadable-row', message: oversizeMessage(record.oversize) },
    };
  }
  const fields = wellFormedFields(record.text);
  return fields === null
    ? rowAt(record.line, () => parseOne(record.text))
    : { line: record.line, raw: fields };
}

/** The fields of a well-formed record (see parseCsvFields), or null for csv-parse to decide. */
export function wellFormedFields(text: string): string[] | null {
  if (text === '') return null;
  const fields: string[] = [];
  let at = 0;
  let nextQuote = -1;
  let nextLf = -1;
  for (;;) {
    if (text.charCodeAt(at) === QUOTE) {
      let escaped = false;
      let close = text.indexOf('"', at + 1);
      while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
        escaped = true;
        close = text.indexOf('"', close + 2);
      }
      if (close === -1) return null;
      const value = text.slice(at + 1, close);
      fields.push(escaped ? value.replaceAll('""', '"') : value);
      at = close + 1;
      if (at === text.length) return fields;
      if (text.charCodeAt(at) !== COMMA) return null;
    } else {
      const comma = indexOrEnd(text, ',', at);
      if (nextQuote < at) nextQuote = indexOrEnd(text, '"', at);
      if (nextLf < at) nextLf = indexOrEnd(text, '\n', at);
      if (nextQuote < comma || nextLf < comma) return null;
      fields.push(text.slice(at, comma));
      at = comma;
      if (at === text.length) return fields;
    }
    at++;
  }
}

/** Where `search` next occurs in `text` from `from`, or the text's length. */
function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

function parseOne(text: string): string[] {
  let fields: string[][];
  try {
    fields = parse(text, PARSE_OPTIONS);
  } catch (error) {
    throw new RowRejection('unreadable-row', csvErrorMessage(error));
  }
  const [first, ...rest] = fields;
  if (first === undefined || rest.length > 0) {
    throw new RowRejection('unreadable-row', 'The row is no valid CSV record');
  }
  return first;
}

/** csv-parse's messages count lines within the one record it was given: say what is wrong. */
function csvErrorMessage(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : null;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted field of the row is never closed: the rest of the file was read as this row';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'A quote inside a quoted field of the row is not doubled';
    case 'CSV_INVALID_OPENING_QUOTE':
      return 'A field of the row that is not quoted holds a quote';
    default:
      return `The row is no valid CSV record (${String(code ?? error)})`;
  }
}

/** The header row of CSV text, names trimmed and lower-cased; null when there is none. */
export const csvHeaderOf = cachedForHead((head: string): string[] | null => {
  const splitter = new CsvRecordSplitter();
  const [first] = [...splitter.push(head), ...splitter.end()];
  if (first === undefined) return null;
  const [row] = parseCsvFields([first]);
  if (row === undefined || !('raw' in row)) return null;
  return row.raw.map(columnKey);
});

export function columnKey(name: string): string {
  return name.trim().toLowerCase();
}

/** True when the text starts with a CSV header that has all these columns (any case, trimmed). */
export function csvHeaderHas(head: string, columns: readonly string[]): boolean {
  const header = csvHeaderOf(head);
  return header !== null && columns.every((column) => header.includes(columnKey(column)));
}
