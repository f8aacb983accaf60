import { cachedForHead } from './head-cache.js';
import { markRepeatedKeys } from './repeated-keys.js';
import { JsonDocumentSplitter, type JsonPiece } from './json-document-splitter.js';
import { JsonFields, isJsonObject, type JsonObject } from './json-fields.js';
import { rowAt, type RawRow, type ReaderInput } from './reader.js';
import { RowRejection } from './row-rejection.js';
import { LineSplitter, oversizeMessage, type TextRecord } from './text-lines.js';

/** NDJSON: one JSON value per line. Document: an array, a page, or pretty-printed objects. */
export type JsonLayout = 'ndjson' | 'document';

export interface JsonHead {
  layout: JsonLayout;
  /**
   * The first records of the text that parse as objects (of a page: its `value`), so that
   * one broken record at the top does not hide the format.
   */
  records: JsonFields[];
}

const DETECTION_RECORDS = 10;
const BOM = 0xfeff;

/** True when the head is JSON in one of the layouts and one of its first records matches. */
export function jsonHeadHas(
  head: string,
  layouts: readonly JsonLayout[],
  matches: (record: JsonFields) => boolean,
): boolean {
  const json = jsonHeadOf(head);
  return json !== null && layouts.includes(json.layout) && json.records.some(matches);
}

/**
 * How the text is laid out and what its first record looks like, for the readers' `detect`.
 * Null when the text is no JSON of records. A first line that is a whole object means NDJSON,
 * so a broken line in NDJSON stays one rejected line instead of upsetting the rest. A first
 * line that is not is read as a document, or, when no record comes of that, as NDJSON whose
 * first line is broken, so that line does not hide the records after it.
 */
export const jsonHeadOf = cachedForHead((head: string): JsonHead | null => {
  for (const layout of jsonLayoutsOf(head)) {
    const records = firstTexts(head, layout)
      .flatMap((text) => recordsIn(parseJson(text)))
      .slice(0, DETECTION_RECORDS)
      .map((record) => new JsonFields(record));
    if (records.length > 0) return { layout, records };
  }
  return null;
});

function jsonLayoutsOf(head: string): JsonLayout[] {
  const text = head.trimStart();
  if (text.startsWith('[')) return ['document'];
  if (!text.startsWith('{')) return [];
  const firstLine = text
    .slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
    .trim();
  return firstLine.endsWith('}') ? ['ndjson'] : ['document', 'ndjson'];
}

function firstTexts(head: string, layout: JsonLayout): string[] {
  if (layout === 'ndjson') {
    const lines = new LineSplitter();
    return [...lines.push(head), ...lines.end()]
      .slice(0, DETECTION_RECORDS)
      .map((line) => line.text);
  }
  const splitter = new JsonDocumentSplitter();
  return [...splitter.push(head), ...splitter.end().pieces]
    .filter((piece) => piece.kind === 'record')
    .slice(0, DETECTION_RECORDS)
    .map((piece) => piece.text);
}

function recordsIn(value: unknown): JsonObject[] {
  if (!isJsonObject(value)) return [];
  return (pageRecords(value) ?? [value]).filter(isJsonObject);
}

/**
 * Reads the records of JSON text, whatever the layout: elements of arrays and of Graph pages,
 * or one object per line. Each record is handed to `extract` with its line; the rows come in
 * one array per chunk read. A last page that still has an `@odata.nextLink` is reported: the
 * file holds only part of the result.
 */
export async function* readJsonRecords<T>(
  input: ReaderInput,
  extract: (record: JsonFields) => T,
): AsyncGenerator<RawRow<T>[]> {
  const head = jsonHeadOf(input.head);
  const pages = new PageTracker();
  const wanted = input.wanted;
  const addRows = (rows: RawRow<T>[], line: number, text: string, oversize?: number): void => {
    if (oversize !== undefined) {
      rows.push({ line, problem: { code: 'unreadable-row', message: oversizeMessage(oversize) } });
      return;
    }
    if (wanted !== undefined && !wanted(line, line + newlines(text))) return;
    let value: unknown;
    try {
      // A line of files concatenated as they were written can start with a byte order mark.
      value = JSON.parse(text.charCodeAt(0) === BOM ? text.slice(1) : text) as unknown;
      markRepeatedKeys(value, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rows.push({
        line,
        problem: { code: 'unreadable-row', message: `The record is not valid JSON: ${reason}` },
      });
      return;
    }
    const page = isJsonObject(value) ? pageRecords(value) : null;
    if (page === null || !isJsonObject(value)) {
      rows.push(recordRow(line, value, extract));
      return;
    }
    pages.parsedPage(line, value);
    const lines = pageRecordLines(line, text);
    page.forEach((record, index) => {
      rows.push(recordRow(lines[index] ?? line, record, extract));
    });
  };
  const lineRows = (lines: readonly TextRecord[]): RawRow<T>[] => {
    const rows: RawRow<T>[] = [];
    for (const line of lines) addRows(rows, line.line, line.text, line.oversize);
    return rows;
  };
  if (head?.layout === 'ndjson') {
    const lines = new LineSplitter();
    for await (const chunk of input.chunks) yield lineRows(lines.push(chunk));
    yield lineRows(lines.end());
  } else {
    const splitter = new JsonDocumentSplitter();
    const pieceRows = (pieces: readonly JsonPiece[]): RawRow<T>[] => {
      const rows: RawRow<T>[] = [];
      for (const piece of pieces) {
        if (piece.kind === 'record') addRows(rows, piece.line, piece.text, piece.oversize);
        else pages.piece(piece);
      }
      return rows;
    };
    for await (const chunk of input.chunks) yield pieceRows(splitter.push(chunk));
    const rest = splitter.end();
    const rows = pieceRows(rest.pieces);
    if (!rest.complete) {
      rows.push({
        line: rest.line,
        problem: {
          code: 'unreadable-input',
          message: 'The file ends before its JSON is closed: it looks cut off',
        },
      });
    }
    yield rows;
  }
  const notice = pages.unfinished();
  if (notice !== null) yield [notice];
}

/**
 * The line each record of a parsed page starts on. A page in an array of pages spans many
 * lines, and each of its records must be reported at its own line, not at the page's.
 */
function pageRecordLines(line: number, text: string): number[] {
  if (!text.includes('\n')) return [];
  const splitter = new JsonDocumentSplitter();
  return [...splitter.push(text), ...splitter.end().pieces]
    .filter((piece) => piece.kind === 'record')
    .map((piece) => line + piece.line - 1);
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function recordRow<T>(line: number, value: unknown, extract: (record: JsonFields) => T): RawRow<T> {
  return rowAt(line, () => {
    if (!isJsonObject(value)) {
      throw new RowRejection('unreadable-row', 'The record is not a JSON object');
    }
    return extract(new JsonFields(value));
  });
}

/** The records of a Graph page (`{"value":[...]}`), or null when the object is no page. */
function pageRecords(value: JsonObject): unknown[] | null {
  const records = value.value;
  return Array.isArray(records) ? records : null;
}

const NEXT_LINK = '@odata.nextLink';

/** Notices when the last page in a file says more results follow. */
class PageTracker {
  private pages = 0;
  private lastPage: string | null = null;
  private linkedPage: string | null = null;
  private linkLine = 0;

  parsedPage(line: number, page: JsonObject): void {
    this.pages++;
    this.lastPage = `parsed-${this.pages}`;
    if (isLink(page[NEXT_LINK])) this.link(this.lastPage, line);
  }

  piece(piece: Exclude<JsonPiece, { kind: 'record' }>): void {
    const page = `root-${piece.root}`;
    if (piece.kind === 'page') this.lastPage = page;
    else if (piece.key === NEXT_LINK && isLink(parseJson(piece.text))) this.link(page, piece.line);
  }

  unfinished(): RawRow<never> | null {
    if (this.linkedPage === null || this.linkedPage !== this.lastPage) return null;
    return {
      line: this.linkLine,
      problem: {
        code: 'notice',
        message: `The last page in the file has an ${NEXT_LINK}: more results were available than the file holds`,
      },
    };
  }

  private link(page: string, line: number): void {
    this.linkedPage = page;
    this.linkLine = line;
  }
}

function isLink(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
