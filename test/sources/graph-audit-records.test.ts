import { describe, expect, it } from 'vitest';
import { problemsOf, readBytes, readFixture } from './fixture-files.js';

describe('graph-audit-records', () => {
  it('reads the records of a pretty-printed page with their lines', async () => {
    const contents = await readFixture('graph-audit-page.json');
    expect(contents.format).toBe('graph-audit-records');
    expect(contents.records).toBe(3);
    expect(contents.audit.map((record) => [record.id, record.source.line])).toEqual([
      ['33333333-4444-4555-8666-777777777701', 5],
      ['33333333-4444-4555-8666-777777777702', 37],
      ['33333333-4444-4555-8666-777777777703', 62],
    ]);
  });

  it('reads PascalCase and camelCase auditData alike', async () => {
    const [pascal, camel] = (await readFixture('graph-audit-page.json')).audit;
    expect(pascal).toMatchObject({
      creationTime: '2026-10-09T06:12:00Z',
      recordType: 'ExchangeItemAggregated',
      mailAccessType: 'Bind',
      clientIp: '203.0.113.7',
      folders: [
        {
          path: '\\Inbox',
          items: [{ internetMessageId: 'AM0PR01MB1212AAAA@eurprd01.prod.outlook.com' }],
        },
      ],
    });
    expect(camel).toMatchObject({
      creationTime: '2026-10-09T06:14:30Z',
      recordType: 'ExchangeItemAggregated',
      mailAccessType: 'Sync',
      isThrottled: false,
      clientIp: '203.0.113.7',
      clientIpRaw: '203.0.113.7:443',
      clientIps: ['203.0.113.7'],
      mailbox: 'finance.lead@kwizzy.nl',
      sessionId: 'e5f6a7b8-3333-4444-8555-666677778888',
      aadSessionId: '0f1e2d3c-4b5a-4969-8877-665544332211',
      uniqueTokenId: 'Qk2xYz_Ab0aBcDeFgHiJAA',
      folders: [{ path: '\\Deleted Items', items: [] }],
    });
  });

  it('falls back to the top-level fields when auditData lacks them, never to userId', async () => {
    const fallback = (await readFixture('graph-audit-page.json')).audit[2];
    expect(fallback).toMatchObject({
      id: '33333333-4444-4555-8666-777777777703',
      creationTime: '2026-10-09T06:20:00Z',
      operation: 'MailItemsAccessed',
      recordType: 'ExchangeItemAggregated',
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'finance.lead@kwizzy.nl',
      clientIp: '2001:db8::abcd',
      clientIpRaw: '[2001:db8::abcd]:443',
      clientIps: ['2001:db8::abcd'],
      mailAccessType: 'Bind',
    });
  });

  it('says so when the last page of the file still has an @odata.nextLink', async () => {
    const contents = await readFixture('graph-audit-page.json');
    expect(problemsOf(contents)).toEqual(['notice@3']);
    expect(contents.rejected).toBe(0);
  });

  it('reads NDJSON of pages; a nextLink followed by its next page is no notice', async () => {
    const contents = await readFixture('graph-audit-pages.ndjson');
    expect(contents.format).toBe('graph-audit-records');
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => [record.id.slice(-2), record.source.line])).toEqual([
      ['01', 1],
      ['02', 1],
      ['03', 2],
    ]);
  });

  it('gives each record of a pretty-printed array of pages its own line', async () => {
    const record = (id: string, user: string) =>
      [
        '      {',
        `        "id": "${id}", "createdDateTime": "2026-10-09T06:12:00Z",`,
        `        "auditLogRecordType": "ExchangeItemAggregated", "operation": "MailItemsAccessed"${user}`,
        '      }',
      ].join('\n');
    const text = [
      '[',
      '  {',
      '    "@odata.context": "records",',
      '    "value": [',
      `${record('44444444-0000-4000-8000-000000000001', ', "userPrincipalName": "finance.lead@kwizzy.nl"')},`,
      record('44444444-0000-4000-8000-000000000002', ''),
      '    ]',
      '  }',
      ']',
      '',
    ].join('\n');
    const contents = await readBytes('pages.json', text);
    expect(contents.audit.map((audit) => audit.source.line)).toEqual([5, 9]);
    expect(problemsOf(contents)).toEqual([]);
  });
});
