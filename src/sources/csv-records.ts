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
 * csv-parse. Lines end at LF (a CR before it is dropped); blank lines are skipped, and so is
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
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quoteInQuotes) {
          this.quoteInQuotes = false;
          if (c === QUOTE) continue;
          this.inQuotes = false;
        } else {
          if (c === QUOTE) this.quoteInQuotes = true;
          else if (c === LF) this.line++;
          continue;
        }
      }
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

/** The fields of each record; records csv-parse refuses (a stray quote, ...) become rejections. */
export function parseCsvFields(records: readonly TextRecord[]): RawRow<string[]>[] {
  if (records.length === 0) return [];
  if (records.some((record) => record.oversize !== undefined)) {
    return records.map((record) =>
      record.oversize === undefined
        ? rowAt(record.line, () => parseOne(record.text))
        : {
            line: record.line,
            problem: { code: 'unreadable-row', message: oversizeMessage(record.oversize) },
          },
    );
  }
  // One csv-parse call per batch is fast; a batch with a broken record is parsed record by
  // record so that only the broken one is rejected.
  try {
    const fields = parse(records.map((record) => record.text).join('\n'), PARSE_OPTIONS);
    if (fields.length === records.length) {
      return records.map((record, index) => ({ line: record.line, raw: fields[index] ?? [] }));
    }
  } catch {
    // Fall through to record-by-record parsing.
  }
  return records.map((record) => rowAt(record.line, () => parseOne(record.text)));
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
