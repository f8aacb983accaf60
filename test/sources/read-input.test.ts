import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { mkdtemp, readdir, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../src/sources/index.js';
import { MAX_RECORD_CHARS } from '../../src/sources/text-lines.js';
import { problemsOf, readAll, readBytes, utf16 } from './fixture-files.js';

const PURVIEW_HEADER =
  'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n';

function auditLine(id: number, extra = ''): string {
  return JSON.stringify({
    CreationTime: '2026-10-07T08:00:00',
    Id: `11111111-2222-4333-8444-${String(id).padStart(12, '0')}`,
    Operation: 'MailItemsAccessed',
    UserId: 'finance.lead@kwizzy.nl',
    OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
    Folders: [
      { Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<m${id}@x>`, Subject: extra }] },
    ],
  });
}

describe('readInput: problem codes', () => {
  it('unreadable-input: an empty file', async () => {
    for (const bytes of ['', '\ufeff', '  \r\n\r\n']) {
      const contents = await readBytes('empty.csv', bytes);
      expect([contents.format, problemsOf(contents), contents.records]).toEqual([
        null,
        ['unreadable-input@null'],
        0,
      ]);
    }
  });

  it('unreadable-input: a header without rows, its format still named', async () => {
    const contents = await readBytes('header-only.csv', PURVIEW_HEADER);
    expect(contents.format).toBe('purview-csv');
    expect(problemsOf(contents)).toEqual(['unreadable-input@null']);
  });

  it('unreadable-input: a file of no known format, an empty page, UTF-16 without BOM', async () => {
    const inputs: [string, string | Buffer][] = [
      ['notes.csv', 'Date,Note\r\n2026-10-01,called the bank\r\n'],
      ['page.json', '{"@odata.context":"x","value":[]}'],
      ['ual.csv', Buffer.from(PURVIEW_HEADER, 'utf16le')],
    ];
    for (const [name, bytes] of inputs) {
      const contents = await readBytes(name, bytes);
      expect([name, contents.format, problemsOf(contents)]).toEqual([
        name,
        null,
        ['unreadable-input@null'],
      ]);
    }
  });

  it('unreadable-input: says whether it is UTF-16 without BOM, a zip archive or binary data', async () => {
    // Bytes as random as a compressed file's, the same on every run.
    const noise = Buffer.alloc(2048);
    for (let index = 0, value = 7; index < noise.length; index++) {
      value = (value * 1103515245 + 12345) % 2 ** 31;
      noise[index] = value >> 16;
    }
    const cases: [string, Buffer, string][] = [
      ['ual.csv', Buffer.from(PURVIEW_HEADER, 'utf16le'), 'UTF-16 text without a byte order mark'],
      ['ual-be.csv', Buffer.from(PURVIEW_HEADER, 'utf16le').swap16(), 'UTF-16 text without'],
      ['ual.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), noise]), 'a zip archive'],
      ['ual.bin', noise, 'binary data, not text'],
    ];
    for (const [name, bytes, gist] of cases) {
      const contents = await readBytes(name, bytes);
      expect([name, contents.problems.map((problem) => problem.message)]).toEqual([
        name,
        [expect.stringContaining(gist)],
      ]);
    }
  });

  it('unreadable-input: a path that cannot be read, without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-sources-'));
    for (const path of [join(dir, 'missing.csv'), dir]) {
      const contents = await readAll({ path, displayPath: 'evidence/x.csv' });
      expect(contents.problems).toEqual([
        expect.objectContaining({ code: 'unreadable-input', input: 'evidence/x.csv', line: null }),
      ]);
    }
  });

  it('unreadable-input: a JSON array cut off, after the records before the cut', async () => {
    const text = `[${auditLine(1)},\n${auditLine(2)},\n${auditLine(3).slice(0, 40)}`;
    const contents = await readBytes('management.json', text);
    expect(contents.format).toBe('management-api-json');
    expect(contents.audit).toHaveLength(2);
    expect(problemsOf(contents)).toEqual(['unreadable-row@3', 'unreadable-input@3']);
  });

  it('unreadable-row: a line that is no JSON, a CSV row with a stray quote', async () => {
    const ndjson = await readBytes('a.ndjson', `${auditLine(1)}\n{"Id":\n${auditLine(3)}\n`);
    expect(problemsOf(ndjson)).toEqual(['unreadable-row@2']);
    const cell = (id: number) => `"${auditLine(id).replaceAll('"', '""')}"`;
    const csv = await readBytes(
      'a.csv',
      `${PURVIEW_HEADER}r1,d,50,MailItemsAccessed,u,${cell(1)},,\r\nr2,d"x,50,M,u,${cell(2)},,\r\nr3,d,50,M,u,${cell(3)},,\r\n`,
    );
    expect(problemsOf(csv)).toEqual(['unreadable-row@3']);
    expect(csv.audit.map((record) => record.source.line)).toEqual([2, 4]);
  });

  it('unreadable-row: an NDJSON first line cut off does not hide the lines after it', async () => {
    const text = `${auditLine(1).slice(0, 60)}\n${auditLine(2)}\n${auditLine(3)}\n`;
    const contents = await readBytes('a.ndjson', text);
    expect(contents.format).toBe('audit-data-ndjson');
    expect(problemsOf(contents)).toEqual(['unreadable-row@1']);
    expect(contents.audit.map((record) => record.source.line)).toEqual([2, 3]);
  });

  it('reads files concatenated with their byte order marks, NDJSON and JSON arrays', async () => {
    const ndjson = await readBytes('all.ndjson', `${auditLine(1)}\n\ufeff${auditLine(2)}\n`);
    expect([ndjson.records, ndjson.rejected, ndjson.problems]).toEqual([2, 0, []]);
    const arrays = `[${auditLine(1)}]\n\ufeff[${auditLine(2)},\n${auditLine(3)}]\n`;
    const json = await readBytes('all.json', arrays);
    expect(json.problems).toEqual([]);
    expect(json.audit.map((record) => record.source.line)).toEqual([1, 2, 3]);
  });

  it('missing-field: a record without CreationTime', async () => {
    const line = auditLine(1).replace('"CreationTime":"2026-10-07T08:00:00",', '');
    const contents = await readBytes('a.ndjson', `${line}\n${auditLine(2)}\n`);
    expect(problemsOf(contents)).toEqual(['missing-field@1']);
    expect([contents.records, contents.rejected]).toEqual([1, 1]);
  });

  it('invalid-field: a CreationTime that is no time', async () => {
    const line = auditLine(1).replace('2026-10-07T08:00:00', '2026-13-07T08:00:00');
    const contents = await readBytes('a.ndjson', `${auditLine(0)}\n${line}\n`);
    expect(problemsOf(contents)).toEqual(['invalid-field@2']);
  });

  it('notice: bytes that are no UTF-8 (a Windows-1252 export)', async () => {
    const bytes = Buffer.from(`${auditLine(1, 'Caf\u00e9')}\n`, 'latin1');
    const contents = await readBytes('cp1252.ndjson', bytes);
    expect(problemsOf(contents)).toEqual(['notice@null']);
    expect(contents.records).toBe(1);
  });

  it('puts the display path in every problem', async () => {
    const contents = await readBytes('a.ndjson', `${auditLine(1)}\nnot json\n`);
    expect(contents.problems.map((problem) => problem.input)).toEqual(['a.ndjson']);
  });
});

describe('readInput: large inputs', () => {
  it('streams a CSV of many multi-line records across chunk boundaries', async () => {
    const cell = (id: number) =>
      `"${auditLine(id, 'Übersicht ⚠ 😀').replace(',', ',\r\n').replaceAll('"', '""')}"`;
    const rows = Array.from({ length: 6000 }, (_, id) => `r${id},d,50,M,u,${cell(id)},,\r\n`);
    const contents = await readBytes('big.csv', PURVIEW_HEADER + rows.join(''));
    expect(contents.problems).toEqual([]);
    expect(contents.records).toBe(6000);
    expect(contents.audit[5999]?.source.line).toBe(2 + 5999 * 2);
    expect(contents.audit[5999]?.folders[0]?.items[0]?.subject).toBe('Übersicht ⚠ 😀');
  });

  it('streams a JSON array larger than the detection head', async () => {
    const elements = Array.from({ length: 8000 }, (_, id) => auditLine(id, 'Übersicht ⚠ 😀'));
    const contents = await readBytes('big.json', `[\n${elements.join(',\n')}\n]\n`);
    expect(contents.problems).toEqual([]);
    expect(contents.records).toBe(8000);
    expect(contents.audit[7999]?.source.line).toBe(8001);
  });

  it.each(['le', 'be'] as const)('decodes UTF-16%s across chunk boundaries', async (order) => {
    const lines = Array.from({ length: 5000 }, (_, id) => auditLine(id, `${'😀'.repeat(id % 7)}é`));
    const contents = await readBytes('big.ndjson', utf16(lines.join('\r\n'), order));
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => record.folders[0]?.items[0]?.subject)).toEqual(
      lines.map((_, id) => `${'😀'.repeat(id % 7)}é`),
    );
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'closes a large file it does not read to the end',
    async () => {
      // Which files this process holds open; other descriptors (the test runner's) come and go.
      const openPaths = async () =>
        Promise.all(
          (await readdir('/proc/self/fd')).map((fd) =>
            readlink(`/proc/self/fd/${fd}`).catch(() => ''),
          ),
        );
      const unknown = 'Date,Note\n' + '2026-10-01,called the bank\n'.repeat(150_000);
      for (let i = 0; i < 5; i++) {
        expect((await readBytes('notes.csv', unknown)).format).toBeNull();
      }
      expect((await openPaths()).filter((path) => path.endsWith('/notes.csv'))).toEqual([]);
    },
  );
});

describe('readInput: hostile inputs and the chain of custody', () => {
  it('rejects a line longer than a record may be, with its line, and reads the rest', async () => {
    const huge = `{"Id":"${'x'.repeat(MAX_RECORD_CHARS)}"}`;
    const contents = await readBytes('a.ndjson', `${auditLine(1)}\n${huge}\n${auditLine(2)}\n`);
    expect(problemsOf(contents)).toEqual(['unreadable-row@2']);
    expect(contents.problems[0]?.message).toContain('MiB');
    expect([contents.records, contents.rejected]).toEqual([2, 1]);
  });

  it('rejects a CSV record longer than a record may be, and reads the rest', async () => {
    const cell = (id: number) => `"${auditLine(id).replaceAll('"', '""')}"`;
    const huge = `r2,d,50,M,u,"${'y'.repeat(MAX_RECORD_CHARS)}",,\r\n`;
    const csv = `${PURVIEW_HEADER}r1,d,50,M,u,${cell(1)},,\r\n${huge}r3,d,50,M,u,${cell(3)},,\r\n`;
    const contents = await readBytes('big-cell.csv', csv);
    expect(problemsOf(contents)).toEqual(['unreadable-row@3']);
    expect(contents.records).toBe(2);
  });

  it('rejects a field nested 5,000 levels deep without failing', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const line = auditLine(1).replace('"Operation":', `"ClientInfoString":${deep},"Operation":`);
    const contents = await readBytes('deep.ndjson', `${line}\n${auditLine(2)}\n`);
    expect(problemsOf(contents)).toEqual(['invalid-field@1']);
    expect(contents.records).toBe(1);
  });

  it('hashes exactly the bytes it read, in the same pass', async () => {
    const text = `${auditLine(1)}\n${auditLine(2)}\n`;
    const contents = await readBytes('a.ndjson', text);
    expect(contents.digest).toMatchObject({
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
      changed: null,
    });
  });

  it('hashes a file of many chunks in order, each read while the one before is parsed', async () => {
    const lines = Array.from({ length: 4000 }, (_, id) => auditLine(id, '😀'.repeat(id % 5)));
    const text = `${lines.join('\n')}\n`;
    const contents = await readBytes('many-chunks.ndjson', text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(16 * 65_536);
    expect(contents.records).toBe(4000);
    expect(contents.digest).toMatchObject({
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
      changed: null,
    });
  });

  it('says so when the file grows while it is read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-sources-'));
    const path = join(dir, 'growing.ndjson');
    const lines = Array.from({ length: 3000 }, (_, id) => auditLine(id, 'x'.repeat(400)));
    await writeFile(path, `${lines.join('\n')}\n`);
    let appended = false;
    const ignore = () => undefined;
    const summary = await readInput(
      { path, displayPath: 'growing.ndjson' },
      {
        audit: () => {
          // Another process writing to the evidence while it is analysed.
          if (!appended) appendFileSync(path, `${auditLine(9999)}\n`);
          appended = true;
        },
        trace: ignore,
        signIn: ignore,
        lookup: ignore,
        folderListing: ignore,
      },
    );
    expect(summary.digest?.changed).toContain('size changed');
    expect(summary.problems.map((problem) => problem.message).join()).toContain(
      'changed while it was read',
    );
  });
});
