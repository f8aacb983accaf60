import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  CsvRecordSplitter,
  parseCsvFields,
  wellFormedFields,
} from '../../src/sources/csv-records.js';
import type { TextRecord } from '../../src/sources/text-lines.js';

/** Feeds the text in chunks of `size` characters, as a stream would cut it. */
function split(text: string, size: number): TextRecord[] {
  const splitter = new CsvRecordSplitter();
  const records: TextRecord[] = [];
  for (let start = 0; start < text.length; start += size) {
    records.push(...splitter.push(text.slice(start, start + size)));
  }
  return [...records, ...splitter.end()];
}

const CSV_OPTIONS = { relax_column_count: true, record_delimiter: '\n', bom: false } as const;

const text =
  'a,b,c\r\n' + '1,"x\r\ny\ny",3\r\n' + '\r\n' + '4,"say ""hi""\r\nthere",6\r\n' + '7,8,9';

describe('CsvRecordSplitter', () => {
  it.each([1, 2, 3, 7, 1000])('counts lines inside quoted fields, in chunks of %i', (size) => {
    expect(split(text, size)).toEqual([
      { line: 1, text: 'a,b,c' },
      { line: 2, text: '1,"x\r\ny\ny",3' },
      { line: 6, text: '4,"say ""hi""\r\nthere",6' },
      { line: 8, text: '7,8,9' },
    ]);
  });

  it('keeps an unterminated quoted field to the end as one record', () => {
    expect(split('a,b\n1,"open\n2,3\n', 4)).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: '1,"open\n2,3\n' },
    ]);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(split('a,b"c\nd,e\n', 3)).toEqual([
      { line: 1, text: 'a,b"c' },
      { line: 2, text: 'd,e' },
    ]);
  });
});

describe('parseCsvFields', () => {
  it('returns the fields of each record, with doubled quotes and line breaks', () => {
    expect(parseCsvFields(split(text, 1000))).toEqual([
      { line: 1, raw: ['a', 'b', 'c'] },
      { line: 2, raw: ['1', 'x\r\ny\ny', '3'] },
      { line: 6, raw: ['4', 'say "hi"\r\nthere', '6'] },
      { line: 8, raw: ['7', '8', '9'] },
    ]);
  });

  it('rejects only the record csv-parse refuses', () => {
    const rows = parseCsvFields([
      { line: 1, text: 'a,b' },
      { line: 2, text: '"x"y,1' },
      { line: 3, text: '1,"open' },
      { line: 4, text: 'c,d' },
    ]);
    expect(rows.map((row) => ('raw' in row ? row.raw : row.problem.code))).toEqual([
      ['a', 'b'],
      'unreadable-row',
      'unreadable-row',
      ['c', 'd'],
    ]);
  });
});

describe('wellFormedFields', () => {
  it('cuts a Purview row with a quoted AuditData cell as csv-parse does', () => {
    const row =
      '2026-10-03T08:15:20,MailItemsAccessed,"{""Id"":""a"",""Subject"":""x, y""}",,"a""b"';
    expect(wellFormedFields(row)).toEqual(parse(row, CSV_OPTIONS)[0]);
    expect(wellFormedFields(row)).toEqual([
      '2026-10-03T08:15:20',
      'MailItemsAccessed',
      '{"Id":"a","Subject":"x, y"}',
      '',
      'a"b',
    ]);
  });

  it.each(['"x"y,1', '1,"open', 'a,b"c', '"a" ,b', 'a\nb', '"a"\r'])(
    'leaves %j to csv-parse',
    (record) => {
      expect(wellFormedFields(record)).toBeNull();
    },
  );

  it('agrees with csv-parse on every record it cuts (seeded random records)', () => {
    const pieces = ['a', 'é', ',', '"', '""', '\r', '\r\n', ' ', '{""k"":1}'];
    let seed = 1;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let cut = 0;
    for (let n = 0; n < 20_000; n++) {
      let record = '';
      const length = 1 + Math.floor(next() * 12);
      for (let i = 0; i < length; i++) record += pieces[Math.floor(next() * pieces.length)] ?? '';
      const fields = wellFormedFields(record);
      if (fields === null) continue;
      cut++;
      expect(parse(record, CSV_OPTIONS)).toEqual([fields]);
    }
    expect(cut).toBeGreaterThan(1000);
  });
});
