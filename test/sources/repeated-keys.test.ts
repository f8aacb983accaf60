import { describe, expect, it } from 'vitest';
import { problemsOf, readBytes } from './fixture-files.js';

const base =
  '"CreationTime":"2026-10-07T08:00:00","Id":"11111111-2222-4333-8444-555555555501","Operation":"MailItemsAccessed","RecordType":2,"UserId":"finance.lead@kwizzy.nl"';

function ndjson(...records: string[]): string {
  return `${records.map((fields) => `{${base},${fields}}`).join('\n')}\n`;
}

describe('a key given twice in one record', () => {
  it('keeps every client address for attribution, and says so at the line', async () => {
    const contents = await readBytes(
      'audit.ndjson',
      ndjson('"ClientIP":"203.0.113.7","Workload":"Exchange","ClientIP":"10.0.0.1"'),
    );
    expect(contents.audit[0]?.clientIps).toEqual(['203.0.113.7', '10.0.0.1']);
    expect(contents.audit[0]?.clientIp).toBe('203.0.113.7');
    expect(problemsOf(contents)).toEqual(['notice@1']);
    expect(contents.problems[0]?.message).toBe(
      'ClientIP is given 2 times ("203.0.113.7", "10.0.0.1"): every value is considered for attribution',
    );
    expect(contents.rejected).toBe(0);
  });

  it('keeps every app id, inside AppAccessContext too', async () => {
    const contents = await readBytes(
      'audit.ndjson',
      ndjson(
        '"AppAccessContext":{"ClientAppId":"AAAA0000-0000-4000-8000-000000000001","ClientAppId":"bbbb0000-0000-4000-8000-000000000002"}',
      ),
    );
    expect(contents.audit[0]?.appIds).toEqual([
      'aaaa0000-0000-4000-8000-000000000001',
      'bbbb0000-0000-4000-8000-000000000002',
    ]);
    expect(contents.problems[0]?.message).toMatch(
      /^AppAccessContext\.ClientAppId is given 2 times/,
    );
  });

  it.each([
    ['"UserId":"someone.else@kwizzy.nl"', 'UserId'],
    ['"SessionId":"a","SessionId":"b"', 'SessionId'],
    ['"AppAccessContext":{"AADSessionId":"a","AADSessionId":"b"}', 'AppAccessContext.AADSessionId'],
  ])(
    'rejects a record that gives %s against another value: it cannot be read one way',
    async (fields, key) => {
      const contents = await readBytes('audit.ndjson', ndjson(fields));
      expect(problemsOf(contents)).toEqual(['invalid-field@1']);
      expect(contents.problems[0]?.message).toMatch(
        new RegExp(
          `^${key.replace('.', '\\.')} is given 2 times with different values .*: the record cannot be read one way$`,
        ),
      );
      expect(contents.audit).toEqual([]);
    },
  );

  it('finds a key written with escapes, as JSON.parse reads it', async () => {
    const contents = await readBytes(
      'audit.ndjson',
      ndjson('"ClientIP":"203.0.113.7","Client\\u0049P":"10.0.0.1"'),
    );
    expect(contents.audit[0]?.clientIps).toEqual(['203.0.113.7', '10.0.0.1']);
  });

  it.each([
    ['spaces before the colons', '"ClientIP" : "203.0.113.7", "ClientIP" :"10.0.0.1"'],
    [
      'escaped quotes and backslashes in the values around it',
      '"Subject":"say \\"hi\\" \\\\","ClientIP":"203.0.113.7","Path":"\\\\Inbox\\\\","ClientIP":"10.0.0.1"',
    ],
  ])('finds a key given twice with %s', async (_name, fields) => {
    const contents = await readBytes('audit.ndjson', ndjson(fields));
    expect(contents.audit[0]?.clientIps).toEqual(['203.0.113.7', '10.0.0.1']);
    expect(problemsOf(contents)).toEqual(['notice@1']);
  });

  it('reads a record with a field it does not use nested 100,000 deep', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const contents = await readBytes('audit.ndjson', ndjson(`"Extra":${deep}`));
    expect(contents.records).toBe(1);
    expect(contents.problems).toEqual([]);
  });

  it('says nothing of a key given twice with the same value, or of keys it does not read', async () => {
    const contents = await readBytes(
      'audit.ndjson',
      ndjson(
        '"ClientIP":"203.0.113.7","ClientIP":"203.0.113.7","YammerNetworkId":1,"YammerNetworkId":2',
      ),
    );
    expect(contents.problems).toEqual([]);
    expect(contents.audit[0]?.clientIps).toEqual(['203.0.113.7']);
  });

  it('finds a repeat in AuditData held in a CSV cell', async () => {
    const auditData = `{${base},"ClientIP":"203.0.113.7","ClientIP":"10.0.0.1"}`.replaceAll(
      '"',
      '""',
    );
    const csv = `RecordId,CreationDate,RecordType,Operation,UserId,AuditData\r\n11111111-2222-4333-8444-555555555501,2026-10-07T08:00:00,2,MailItemsAccessed,finance.lead@kwizzy.nl,"${auditData}"\r\n`;
    const contents = await readBytes('audit.csv', csv);
    expect(contents.format).toBe('purview-csv');
    expect(contents.audit[0]?.clientIps).toEqual(['203.0.113.7', '10.0.0.1']);
    expect(problemsOf(contents)).toEqual(['notice@2']);
  });
});
