import { CsvRecordSplitter, columnKey, csvRecordFields } from './csv-records.js';
import { rowAt, type RawRow, type ReaderInput } from './reader.js';
import { RowRejection } from './row-rejection.js';
import type { TextRecord } from './text-lines.js';

/** One data row of a CSV export, with its cells looked up by header name. */
export interface CsvRow {
  line: number;
  /** The cell under the column named `name` (trimmed, any case); '' when there is no such column. */
  cell(name: string): string;
}

/**
 * Reads a CSV export with a header row, streaming. Each data row is handed to `extract`
 * (which may throw a RowRejection); rows with more or fewer cells than the header, and rows
 * csv-parse cannot read, are rejected with their line. The records of each chunk are cut into
 * fields and handed on one at a time, so no more than one record's values are alive at once:
 * a batch of 500 parsed records outlived the young generation and made a sixth of the CPU time
 * garbage collection.
 */
export async function* readCsvTable<T>(
  input: ReaderInput,
  extract: (row: CsvRow) => T,
): AsyncGenerator<RawRow<T>> {
  const splitter = new CsvRecordSplitter();
  const table = new HeaderedRows(extract);
  const wanted = input.wanted;
  let header = true;
  const wantedRecords = function* (records: readonly TextRecord[]): Generator<TextRecord> {
    for (const record of records) {
      // The header is always read: it names the columns of the records wanted.
      if (header || wanted === undefined || wanted(record.line, record.line)) yield record;
      header = false;
    }
  };
  for await (const chunk of input.chunks) {
    yield* table.rows(wantedRecords(splitter.push(chunk)));
  }
  yield* table.rows(wantedRecords(splitter.end()));
}

class HeaderedRows<T> {
  private columns: Map<string, number> | null = null;
  private width = 0;
  private readonly extract: (row: CsvRow) => T;

  constructor(extract: (row: CsvRow) => T) {
    this.extract = extract;
  }

  *rows(records: Iterable<TextRecord>): Generator<RawRow<T>> {
    for (const record of records) yield* this.row(csvRecordFields(record));
  }

  private row(row: RawRow<string[]>): RawRow<T>[] {
    if (!('raw' in row)) return [row];
    const fields = row.raw;
    if (this.columns === null) {
      this.columns = new Map();
      this.width = fields.length;
      fields.forEach((name, index) => {
        const key = columnKey(name);
        if (!this.columns?.has(key)) this.columns?.set(key, index);
      });
      return [];
    }
    const columns = this.columns;
    return [
      rowAt(row.line, () => {
        if (fields.length !== this.width) {
          throw new RowRejection(
            'unreadable-row',
            `The row has ${fields.length} fields where the header has ${this.width}`,
          );
        }
        return this.extract({
          line: row.line,
          cell: (name) => {
            const index = columns.get(columnKey(name));
            return index === undefined ? '' : (fields[index] ?? '');
          },
        });
      }),
    ];
  }
}
