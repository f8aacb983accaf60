import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, corpusPresent, corpusSuite } from '../shared-corpus.js';
import { readAll, type InputContents } from './fixture-files.js';

/**
 * Real records written by others (../shared/corpus, beside the checkout; see its README):
 * never copied into the project, so a clone without it skips these tests, and says so.
 */
const corpus = corpusPath('');

/** The corpus README names these as fragments of fixtures, not records: they may be rejected. */
const FRAGMENT_SOURCES = new Set(['E07', 'E08', 'E12']);

interface CorpusRecord {
  src: string;
  raw: string;
  /** Has an Id, a CreationTime and an Operation: a record, which must be read. */
  isRecord: boolean;
  id: string | null;
}

function corpusRecords(): CorpusRecord[] {
  return readFileSync(join(corpus, 'records.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { src, raw } = JSON.parse(line) as { src: string; raw: string };
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const isRecord = ['Id', 'CreationTime', 'Operation'].every(
        (key) => parsed[key] !== undefined && parsed[key] !== null && parsed[key] !== '',
      );
      return { src, raw, isRecord, id: typeof parsed.Id === 'string' ? parsed.Id : null };
    });
}

/** JSON text on one line: its line breaks are white space between tokens, never in strings. */
function oneLine(raw: string): string {
  return raw.replace(/\r?\n\s*/g, ' ');
}

/** Each audit format the project reads, with the corpus's records in it, one per line. */
const LAYOUTS = {
  'management-api-json': (records: CorpusRecord[]) =>
    `[\n${records.map((record) => oneLine(record.raw)).join(',\n')}\n]\n`,
  'audit-data-ndjson': (records: CorpusRecord[]) =>
    `${records.map((record) => oneLine(record.raw)).join('\n')}\n`,
  // Microsoft-Extractor-Suite's Get-UAL JSONL: the record's AuditData kept as text.
  'extractor-suite-jsonl': (records: CorpusRecord[]) =>
    `${records
      .map((record, index) =>
        JSON.stringify({
          RecordType: 'Corpus',
          CreationDate: '1/1/2026 0:00:00 AM',
          UserIds: 'corpus@example.com',
          Operations: 'Corpus',
          AuditData: record.raw,
          ResultIndex: index + 1,
          ResultCount: records.length,
        }),
      )
      .join('\n')}\n`,
};

/** Its line in the written file, for the layouts above (the array's first record is line 2). */
function lineOf(layout: keyof typeof LAYOUTS, index: number): number {
  return layout === 'management-api-json' ? index + 2 : index + 1;
}

describe.skipIf(!corpusPresent)(corpusSuite('the real corpus'), () => {
  const records = corpusPresent ? corpusRecords() : [];

  it('holds what its README says: records, and fragments only from the sources it names', () => {
    expect(records.length).toBeGreaterThan(100);
    const fragments = records.filter((record) => !record.isRecord);
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.filter((record) => !FRAGMENT_SOURCES.has(record.src))).toEqual([]);
  });

  describe.each(Object.keys(LAYOUTS) as (keyof typeof LAYOUTS)[])('written as %s', (layout) => {
    let contents: InputContents;

    beforeAll(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mailexposure-corpus-'));
      const path = join(dir, `corpus-${layout}.json`);
      await writeFile(path, LAYOUTS[layout](records));
      contents = await readAll({ path, displayPath: `corpus-${layout}.json` });
    });

    it('is recognised as that format', () => {
      expect(contents.format).toBe(layout);
    });

    it('reads and counts every record, whatever its workload', () => {
      expect(contents.records + contents.rejected).toBe(records.length);
      const read = new Set(contents.audit.map((record) => record.id));
      const missed = records.filter(
        (record) => record.isRecord && !read.has(record.id?.toLowerCase() ?? ''),
      );
      expect(missed.map((record) => `${record.src} ${record.id}`)).toEqual([]);
      expect(contents.records).toBe(records.filter((record) => record.isRecord).length);
    });

    it('rejects only the fragments the README names, each at its line', () => {
      const fragmentLines = new Set(
        records.flatMap((record, index) => (record.isRecord ? [] : [lineOf(layout, index)])),
      );
      const rejected = contents.problems.filter((problem) => problem.code !== 'notice');
      expect(rejected.filter((problem) => !fragmentLines.has(problem.line ?? -1))).toEqual([]);
      expect(contents.rejected).toBe(fragmentLines.size);
    });
  });

  describe('the export files of verbatim/, as they are', () => {
    const files = corpusPresent ? readdirSync(join(corpus, 'verbatim')).sort() : [];

    it.each(files)('%s is read whole', async (name) => {
      const contents = await readAll({ path: join(corpus, 'verbatim', name), displayPath: name });
      expect(contents.records).toBeGreaterThan(0);
      expect(contents.rejected).toBe(0);
      expect(contents.problems.filter((problem) => problem.code !== 'notice')).toEqual([]);
    });

    it('all of them: 344 records, as its sources list them (125 + 219)', async () => {
      let total = 0;
      for (const name of files) {
        total += (await readAll({ path: join(corpus, 'verbatim', name), displayPath: name }))
          .records;
      }
      expect(total).toBe(344);
    });
  });
});
