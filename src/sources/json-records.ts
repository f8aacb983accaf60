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
const NEXT_LINK = '@odata.nextLink';
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
  if (head?.layout === 'ndjson') {
    const lines = new NdjsonRows(extract, input.wanted);
    for await (const chunk of input.chunks) yield lines.push(chunk);
    const rows = lines.end();
    const last = lines.lastPage;
    if (last?.linked === true) rows.push(unfinishedPages(last.line));
    yield rows;
    return;
  }
  const pages = new PageTracker();
  const rows = new JsonRows(extract, input.wanted, pages);
  const splitter = new JsonDocumentSplitter();
  const pieceRows = (pieces: readonly JsonPiece[]): RawRow<T>[] => {
    const found: RawRow<T>[] = [];
    for (const piece of pieces) {
      if (piece.kind === 'record') rows.add(found, piece.line, piece.text, piece.oversize);
      else pages.piece(piece);
    }
    return found;
  };
  for await (const chunk of input.chunks) yield pieceRows(splitter.push(chunk));
  const rest = splitter.end();
  const found = pieceRows(rest.pieces);
  if (!rest.complete) {
    found.push({
      line: rest.line,
      problem: {
        code: 'unreadable-input',
        message: 'The file ends before its JSON is closed: it looks cut off',
      },
    });
  }
  yield found;
  const notice = pages.unfinished();
  if (notice !== null) yield [notice];
}

/**
 * The rows of NDJSON text given in pieces, from its first line: what readJsonRecords reads a
 * whole NDJSON file with, and what reads one block of such a file, cut at line ends, in a
 * worker thread (lines then count from the block's first line).
 */
export class NdjsonRows<T> {
  private readonly lines = new LineSplitter();
  private readonly pages = new PageTracker();
  private readonly rows: JsonRows<T>;

  constructor(extract: (record: JsonFields) => T, wanted?: ReaderInput['wanted']) {
    this.rows = new JsonRows(extract, wanted, this.pages);
  }

  push(text: string): RawRow<T>[] {
    return this.rowsOf(this.lines.push(text));
  }

  end(): RawRow<T>[] {
    return this.rowsOf(this.lines.end());
  }

  /** The last line that held a Graph page, and whether that page says more results follow. */
  get lastPage(): { line: number; linked: boolean } | null {
    return this.pages.lastParsed();
  }

  private rowsOf(lines: readonly TextRecord[]): RawRow<T>[] {
    const rows: RawRow<T>[] = [];
    for (const line of lines) this.rows.add(rows, line.line, line.text, line.oversize);
    return rows;
  }
}

/** The notice for a file whose last page has an `@odata.nextLink`, at that page's line. */
export const UNFINISHED_PAGES = `The last page in the file has an ${NEXT_LINK}: more results were available than the file holds`;

function unfinishedPages(line: number): RawRow<never> {
  return { line, problem: { code: 'notice', message: UNFINISHED_PAGES } };
}

/** One record's text (or a page's) parsed into rows. */
class JsonRows<T> {
  constructor(
    private readonly extract: (record: JsonFields) => T,
    private readonly wanted: ReaderInput['wanted'],
    private readonly pages: PageTracker,
  ) {}

  add(rows: RawRow<T>[], line: number, text: string, oversize?: number): void {
    if (oversize !== undefined) {
      rows.push({ line, problem: { code: 'unreadable-row', message: oversizeMessage(oversize) } });
      return;
    }
    if (this.wanted !== undefined && !this.wanted(line, line + newlines(text))) return;
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
      rows.push(recordRow(line, value, this.extract));
      return;
    }
    this.pages.parsedPage(line, value);
    const lines = pageRecordLines(line, text);
    page.forEach((record, index) => {
      rows.push(recordRow(lines[index] ?? line, record, this.extract));
    });
  }
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

/** Notices when the last page in a file says more results follow. */
class PageTracker {
  private pages = 0;
  private lastPage: string | null = null;
  private linkedPage: string | null = null;
  private linkLine = 0;
  private lastParsedLine = 0;

  parsedPage(line: number, page: JsonObject): void {
    this.pages++;
    this.lastParsedLine = line;
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
    return unfinishedPages(this.linkLine);
  }

  /** The last page parsed from one text (NDJSON: a line), and whether it was linked. */
  lastParsed(): { line: number; linked: boolean } | null {
    if (this.pages === 0) return null;
    return { line: this.lastParsedLine, linked: this.linkedPage === this.lastPage };
  }

  private link(page: string, line: number): void {
    this.linkedPage = page;
    this.linkLine = line;
  }
}

function isLink(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
