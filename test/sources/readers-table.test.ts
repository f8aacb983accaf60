import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readerFormats } from '../../src/sources/index.js';
import { readers } from '../../src/sources/readers.js';
import { fixtureDir, fixtureText, readBytes } from './fixture-files.js';

const FIXTURE_FORMATS: Record<string, string> = {
  'purview-audit.csv': 'purview-csv',
  'unified-audit-log.csv': 'unified-audit-log-csv',
  'extractor-suite.json': 'extractor-suite-json',
  'extractor-suite.jsonl': 'extractor-suite-jsonl',
  'audit-data.ndjson': 'audit-data-ndjson',
  'management-api.json': 'management-api-json',
  'graph-audit-page.json': 'graph-audit-records',
  'graph-audit-pages.ndjson': 'graph-audit-records',
  'message-trace.csv': 'message-trace-csv',
  'message-trace-history.csv': 'message-trace-history-csv',
  'graph-message-trace.ndjson': 'graph-message-trace',
  'graph-sign-ins.json': 'graph-sign-ins',
  'entra-sign-ins.csv': 'entra-sign-ins-csv',
  'collected-lookups.ndjson': 'collected-lookups-ndjson',
  'activity-audit-data.ndjson': 'audit-data-ndjson',
  'activity-message-trace.csv': 'message-trace-csv',
};

describe('the reader table', () => {
  it('lists every reader file in src/sources/readers, named by its format', async () => {
    const files = await readdir(new URL('../../src/sources/readers/', import.meta.url));
    const formats = files.filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));
    expect([...readerFormats].sort()).toEqual(formats.sort());
  });

  it('has one fixture per format', () => {
    expect(new Set(Object.values(FIXTURE_FORMATS))).toEqual(new Set(readerFormats));
  });

  it('has no fixture file without an expected format', async () => {
    expect((await readdir(fixtureDir)).sort()).toEqual(Object.keys(FIXTURE_FORMATS).sort());
  });

  it.each(Object.entries(FIXTURE_FORMATS))('%s is claimed by %s alone', async (name, format) => {
    const head = (await readFile(`${fixtureDir}/${name}`, 'utf8')).replace(/^\ufeff/, '');
    const claiming = readers.filter((reader) => reader.detect(head)).map((reader) => reader.format);
    expect(claiming).toEqual([format]);
  });

  it('is documented: docs/adding-a-reader.md lists every format', async () => {
    const doc = await readFile(new URL('../../docs/adding-a-reader.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...readerFormats].sort());
  });

  it('detects the format from the content, never the file name', async () => {
    const jsonl = await fixtureText('extractor-suite.jsonl');
    const asCsv = await readBytes('UAL-2026-10-06.csv', jsonl);
    expect(asCsv.format).toBe('extractor-suite-jsonl');
    expect(asCsv.audit.map((record) => record.id)).toEqual([
      'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e',
      'e6f7a8b9-c0d1-4e2f-9a3b-4c5d6e7f8091',
    ]);
    const csv = await fixtureText('purview-audit.csv');
    expect((await readBytes('export.json', csv)).format).toBe('purview-csv');
  });
});
