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
 * Reads a CSV export with a header row, streaming, in one array of rows per chunk read. Each
 * data row is handed to `extract` (which may throw a RowRejection); rows with more or fewer
 * cells than the header, and rows csv-parse cannot read, are rejected with their line. A
 * record's fields are cut only when its turn comes and dropped once it is extracted, so what is
 * alive at once is one record's fields and one chunk's extracted rows (a few dozen): a batch of
 * 500 parsed records outlived the young generation and made a sixth of the CPU time garbage
 * collection.
 */
export async function* readCsvTable<T>(
  input: ReaderInput,
  extract: (row: CsvRow) => T,
): AsyncGenerator<RawRow<T>[]> {
  const splitter = new CsvRecordSplitter();
  const table = new HeaderedRows(extract);
  const wanted = input.wanted;
  let header = true;
  const rows = (records: readonly TextRecord[]): RawRow<T>[] => {
    const read: RawRow<T>[] = [];
    for (const record of records) {
      // The header is always read: it names the columns of the records wanted.
      if (header || wanted === undefined || wanted(record.line, record.line)) {
        table.add(read, csvRecordFields(record));
      }
      header = false;
    }
    return read;
  };
  for await (const chunk of input.chunks) yield rows(splitter.push(chunk));
  yield rows(splitter.end());
}

class HeaderedRows<T> {
  private columns: Map<string, number> | null = null;
  private width = 0;
  private readonly extract: (row: CsvRow) => T;

  constructor(extract: (row: CsvRow) => T) {
    this.extract = extract;
  }

  /** Adds the data row a record's fields make to `rows` (the header makes none). */
  add(rows: RawRow<T>[], row: RawRow<string[]>): void {
    if (!('raw' in row)) {
      rows.push(row);
      return;
    }
    const fields = row.raw;
    if (this.columns === null) {
      this.columns = new Map();
      this.width = fields.length;
      fields.forEach((name, index) => {
        const key = columnKey(name);
        if (!this.columns?.has(key)) this.columns?.set(key, index);
      });
      return;
    }
    const columns = this.columns;
    rows.push(
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
    );
  }
}
