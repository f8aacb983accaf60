import { CsvRecordSplitter, columnKey, parseCsvFields } from './csv-records.js';
import { rowAt, type RawRow, type ReaderInput } from './reader.js';
import { RowRejection } from './row-rejection.js';
import type { TextRecord } from './text-lines.js';

/** One data row of a CSV export, with its cells looked up by header name. */
export interface CsvRow {
  line: number;
  /** The cell under the column named `name` (trimmed, any case); '' when there is no such column. */
  cell(name: string): string;
}

const BATCH_RECORDS = 500;

/**
 * Reads a CSV export with a header row, streaming. Each data row is handed to `extract`
 * (which may throw a RowRejection); rows with more or fewer cells than the header, and rows
 * csv-parse cannot read, are rejected with their line.
 */
export async function* readCsvTable<T>(
  input: ReaderInput,
  extract: (row: CsvRow) => T,
): AsyncGenerator<RawRow<T>> {
  const splitter = new CsvRecordSplitter();
  const table = new HeaderedRows(extract);
  const wanted = input.wanted;
  let header = true;
  let batch: TextRecord[] = [];
  const add = (record: TextRecord) => {
    // The header is always read: it names the columns of the records wanted.
    if (header || wanted === undefined || wanted(record.line, record.line)) batch.push(record);
    header = false;
  };
  for await (const chunk of input.chunks) {
    for (const record of splitter.push(chunk)) add(record);
    if (batch.length >= BATCH_RECORDS) {
      yield* table.rows(batch);
      batch = [];
    }
  }
  for (const record of splitter.end()) add(record);
  yield* table.rows(batch);
}

class HeaderedRows<T> {
  private columns: Map<string, number> | null = null;
  private width = 0;
  private readonly extract: (row: CsvRow) => T;

  constructor(extract: (row: CsvRow) => T) {
    this.extract = extract;
  }

  rows(records: readonly TextRecord[]): RawRow<T>[] {
    return parseCsvFields(records).flatMap((row) => this.row(row));
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
