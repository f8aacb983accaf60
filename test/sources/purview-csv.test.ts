import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/model/index.js';
import { fixtureText, problemsOf, readBytes, readFixture } from './fixture-files.js';

const input = 'evidence/purview-audit.csv';

describe('purview-csv', () => {
  it('reads a Bind record from a cell with doubled quotes, a comma in a subject and \\u003c escapes', async () => {
    const contents = await readFixture('purview-audit.csv');
    expect(contents.format).toBe('purview-csv');
    expect(contents.audit[0]).toEqual<AuditRecord>({
      id: '5f2c7a1e-9b3d-4c8e-a6f0-1d2e3f4a5b6c',
      creationTime: '2026-10-03T08:15:00Z',
      operation: 'MailItemsAccessed',
      recordType: 'ExchangeItemAggregated',
      workload: 'Exchange',
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'finance.lead@kwizzy.nl',
      clientIp: '2001:db8::abcd',
      clientIpRaw: '[2001:db8::abcd]:12345',
      clientIps: ['2001:db8::abcd'],
      clientInfo: 'Client=OWA;Action=ViaProxy',
      sessionId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
      aadSessionId: '0f1e2d3c-4b5a-4969-8877-665544332211',
      uniqueTokenId: '7VuL5Jz8_kS9hqsJiLUOAA',
      appIds: ['00000002-0000-0ff1-ce00-000000000000'],
      logonType: 0,
      externalAccess: false,
      mailAccessType: 'Bind',
      isThrottled: false,
      operationCount: 2,
      folders: [
        {
          path: '\\Inbox',
          items: [
            {
              internetMessageId: 'AM0PR01MB5555AAAA@eurprd01.prod.outlook.com',
              subject: 'Invoice 4471, final "Project Tulip"',
              sizeInBytes: 48213,
              creationTime: null,
            },
            {
              internetMessageId: 'AM0PR01MB5555BBBB@eurprd01.prod.outlook.com',
              subject: null,
              sizeInBytes: 10240,
              creationTime: null,
            },
          ],
        },
      ],
      item: null,
      activity: null,
      source: { input, line: 2 },
    });
  });

  it('reads a Sync record whose AuditData cell spans three lines (CRLF inside the quotes)', async () => {
    const contents = await readFixture('purview-audit.csv');
    expect(contents.audit[1]).toEqual<AuditRecord>({
      id: '8d0b6c2a-3e4f-4a5b-9c6d-7e8f9a0b1c2d',
      creationTime: '2026-10-03T08:20:14Z',
      operation: 'MailItemsAccessed',
      recordType: 'ExchangeItemAggregated',
      workload: 'Exchange',
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'finance.lead@kwizzy.nl',
      clientIp: '203.0.113.7',
      clientIpRaw: '203.0.113.7',
      clientIps: ['203.0.113.7'],
      clientInfo: 'Client=MSExchangeRPC',
      sessionId: null,
      aadSessionId: null,
      uniqueTokenId: null,
      appIds: [],
      logonType: 0,
      externalAccess: false,
      mailAccessType: 'Sync',
      isThrottled: false,
      operationCount: 1,
      folders: [{ path: '\\Sent Items', items: [] }],
      item: null,
      activity: null,
      source: { input, line: 3 },
    });
  });

  it('rejects the row with broken AuditData at its line and reads the rows after it', async () => {
    const contents = await readFixture('purview-audit.csv');
    expect(contents.records).toBe(4);
    expect(contents.rejected).toBe(1);
    expect(contents.problems).toEqual([
      expect.objectContaining({ code: 'unreadable-row', input, line: 6 }),
    ]);
    expect(contents.audit.map((record) => record.source.line)).toEqual([2, 3, 7, 8]);
  });

  it('takes time and ids from AuditData, never from the locale CreationDate column', async () => {
    const contents = await readFixture('purview-audit.csv');
    expect(contents.audit.map((record) => record.creationTime)).toEqual([
      '2026-10-03T08:15:00Z',
      '2026-10-03T08:20:14Z',
      '2026-10-03T09:02:11Z',
      '2026-10-03T09:45:00Z',
    ]);
  });

  it('keeps the Item of an ExchangeItem record and the owner of a delegate access', async () => {
    const [, , send, delegate] = (await readFixture('purview-audit.csv')).audit;
    expect(send).toMatchObject({
      operation: 'Send',
      recordType: 'ExchangeItem',
      clientIp: '203.0.113.7',
      clientIpRaw: '203.0.113.7:50731',
      clientIps: ['203.0.113.7'],
      folders: [],
      item: {
        subject: 'RE: Payment details, updated',
        parentFolder: '\\Sent Items',
        internetMessageId: 'AM0PR01MB5555CCCC@eurprd01.prod.outlook.com',
      },
    });
    expect(delegate).toMatchObject({
      actor: 'it.admin@kwizzy.nl',
      mailbox: 'ceo@kwizzy.nl',
      logonType: 2,
      appIds: ['6e2a9b1c-7d3e-4f50-8a61-b72c83d94e05'],
    });
  });

  it('counts the same lines when the file has LF line endings', async () => {
    const lf = (await fixtureText('purview-audit.csv')).replaceAll('\r\n', '\n');
    const contents = await readBytes('purview-lf.csv', lf);
    expect(contents.audit.map((record) => record.source.line)).toEqual([2, 3, 7, 8]);
    expect(problemsOf(contents)).toEqual(['unreadable-row@6']);
  });

  it('says so when Excel has cut AuditData off at its cell limit', async () => {
    const header = (await fixtureText('purview-audit.csv')).split('\r\n')[0] ?? '';
    const cut =
      `{"CreationTime":"2026-10-03T08:15:00","Folders":[${'{"Path":"\\\\Inbox"},'.repeat(2000)}`.slice(
        0,
        32_767,
      );
    const row = `r1,d,50,MailItemsAccessed,u,"${cut.replaceAll('"', '""')}",,`;
    const contents = await readBytes('excel-saved.csv', `${header}\r\n${row}\r\n`);
    expect(problemsOf(contents)).toEqual(['unreadable-row@2']);
    expect(contents.problems[0]?.message).toContain('32767');
  });

  it('reads AuditData whose strings hold raw line breaks, keeping them as written', async () => {
    const header = (await fixtureText('purview-audit.csv')).split('\r\n')[0] ?? '';
    const auditData = (id: string) =>
      `{"CreationTime":"2026-10-03T08:15:00","Id":"${id}","Operation":"MailItemsAccessed",` +
      `"UserId":"finance.lead@kwizzy.nl","OriginatingServer":"AM0PR01MB1234 (15.20.6792.000)\r\n",` +
      `"Folders":[{"Path":"\\\\Inbox","FolderItems":[{"InternetMessageId":"<m@x>","Subject":"two\r\nlines"}]}]}`;
    const row = (id: string) =>
      `${id},d,50,MailItemsAccessed,u,"${auditData(id).replaceAll('"', '""')}",,`;
    const text = `${header}\r\n${row('r1')}\r\n${row('r2')}\r\n`;
    const contents = await readBytes('raw-line-breaks.csv', text);
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => [record.id, record.source.line])).toEqual([
      ['r1', 2],
      ['r2', 5],
    ]);
    expect(contents.audit[0]?.folders[0]).toEqual({
      path: '\\Inbox',
      items: [
        {
          internetMessageId: 'm@x',
          subject: 'two\r\nlines',
          sizeInBytes: null,
          creationTime: null,
        },
      ],
    });
  });
});
