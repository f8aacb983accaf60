import { describe, expect, it } from 'vitest';
import { problemsOf, readFixture } from './fixture-files.js';

describe('audit-data-ndjson', () => {
  it('reads bare AuditData lines, skipping the blank one, with their lines', async () => {
    const contents = await readFixture('audit-data.ndjson');
    expect(contents.format).toBe('audit-data-ndjson');
    expect(contents.audit.map((record) => record.source.line)).toEqual([1, 2, 5, 6]);
  });

  it('rejects a line that is no JSON, and reads a record without UserId', async () => {
    const contents = await readFixture('audit-data.ndjson');
    expect(problemsOf(contents)).toEqual(['unreadable-row@4']);
    expect(contents.rejected).toBe(1);
    expect(contents.records).toBe(4);
    expect(contents.audit[2]).toMatchObject({ actor: '', mailbox: 'finance.lead@kwizzy.nl' });
  });

  it('accepts OperationProperties as one {Name, Value} object and as an object of names', async () => {
    const [single, map] = (await readFixture('audit-data.ndjson')).audit;
    expect(single).toMatchObject({ mailAccessType: 'Bind', isThrottled: false });
    expect(map).toMatchObject({ mailAccessType: 'Bind', isThrottled: true });
  });

  it('strips the port of `ip:port`, keeps `localhost:port` raw, prefixes a bare folder name', async () => {
    const [bind, , , sync] = (await readFixture('audit-data.ndjson')).audit;
    expect(bind).toMatchObject({ clientIp: '10.11.12.13', clientIpRaw: '10.11.12.13:12345' });
    expect(sync).toMatchObject({
      clientIp: null,
      clientIpRaw: 'localhost:12345',
      logonType: 0,
      mailAccessType: 'Sync',
      folders: [{ path: '\\Drafts', items: [] }],
    });
  });
});
