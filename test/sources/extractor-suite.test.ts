import { describe, expect, it } from 'vitest';
import { problemsOf, readFixture } from './fixture-files.js';

describe('extractor-suite-json', () => {
  it('reads each element of the array with the line it starts on', async () => {
    const contents = await readFixture('extractor-suite.json');
    expect(contents.format).toBe('extractor-suite-json');
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => [record.id, record.source.line])).toEqual([
      ['e0f1a2b3-c4d5-4e6f-9a7b-8c9d0e1f2a3b', 2],
      ['f1a2b3c4-d5e6-4f7a-8b8c-9d0e1f2a3b4c', 39],
      ['a2b3c4d5-e6f7-4a8b-9c9d-0e1f2a3b4c5d', 73],
    ]);
  });

  it('normalises a mapped IPv4, prefers an address over `localhost`, keeps a host name raw', async () => {
    const contents = await readFixture('extractor-suite.json');
    expect(contents.audit.map((record) => [record.clientIp, record.clientIpRaw])).toEqual([
      ['10.11.12.13', '::ffff:10.11.12.13'],
      ['10.11.12.13', '10.11.12.13'],
      [null, '[cool.client.local]:12345'],
    ]);
  });

  it('keeps a folder whose FolderItems is empty', async () => {
    const contents = await readFixture('extractor-suite.json');
    expect(contents.audit[2]?.folders).toEqual([{ path: '\\Inbox', items: [] }]);
  });
});

describe('extractor-suite-jsonl', () => {
  it('parses AuditData given as a string on each line', async () => {
    const contents = await readFixture('extractor-suite.jsonl');
    expect(contents.format).toBe('extractor-suite-jsonl');
    expect(contents.audit.map((record) => [record.source.line, record.clientIp])).toEqual([
      [1, '10.11.12.13'],
      [4, '2001:db8::abcd'],
    ]);
    expect(contents.audit[0]?.folders[0]?.items[0]?.internetMessageId).toBe(
      'AM0PR01MB7777AAAA@eurprd01.prod.outlook.com',
    );
  });

  it('rejects a record without Id and one whose CreationTime is no time, and reads on', async () => {
    const contents = await readFixture('extractor-suite.jsonl');
    expect(problemsOf(contents)).toEqual(['missing-field@2', 'invalid-field@3']);
    expect(contents.records).toBe(2);
    expect(contents.rejected).toBe(2);
  });
});
