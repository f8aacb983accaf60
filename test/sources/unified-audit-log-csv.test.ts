import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/model/index.js';
import { fixtureText, problemsOf, readBytes, readFixture, utf16 } from './fixture-files.js';

describe('unified-audit-log-csv', () => {
  it('reads a UTF-8 file with a BOM and a leading RunspaceId column', async () => {
    expect((await fixtureText('unified-audit-log.csv')).startsWith('\ufeff"RunspaceId"')).toBe(
      true,
    );
    const contents = await readFixture('unified-audit-log.csv');
    expect(contents.format).toBe('unified-audit-log-csv');
    expect(contents.records).toBe(3);
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => record.source.line)).toEqual([2, 3, 4]);
  });

  it('maps a Sync in the RecordType 2 shape, with string numbers, to its Item.ParentFolder', async () => {
    const [sync] = (await readFixture('unified-audit-log.csv')).audit;
    expect(sync).toEqual<AuditRecord>({
      id: 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e',
      creationTime: '2026-10-03T08:40:02Z',
      operation: 'MailItemsAccessed',
      recordType: 'ExchangeItem',
      workload: 'Exchange',
      actor: 'finance.lead@kwizzy.nl',
      mailbox: 'finance.lead@kwizzy.nl',
      clientIp: '198.51.100.23',
      clientIpRaw: '[::ffff:198.51.100.23]:50123',
      clientIps: ['198.51.100.23'],
      clientInfo: 'Client=MSExchangeRPC',
      sessionId: 'c3d4e5f6-1111-4222-8333-444455556666',
      aadSessionId: null,
      uniqueTokenId: null,
      appIds: [],
      logonType: 0,
      externalAccess: false,
      mailAccessType: 'Sync',
      isThrottled: false,
      operationCount: 1,
      folders: [{ path: '\\Inbox', items: [] }],
      item: { subject: null, parentFolder: '\\Inbox', internetMessageId: null, attachments: [] },
      activity: null,
      source: { input: 'evidence/unified-audit-log.csv', line: 2 },
    });
  });

  it('prefers ParentFolder.Path over its Name', async () => {
    const sync = (await readFixture('unified-audit-log.csv')).audit[2];
    expect(sync?.mailAccessType).toBe('Sync');
    expect(sync?.folders).toEqual([{ path: '\\Inbox\\Projects', items: [] }]);
  });

  it('reads a throttled Bind with string numbers, a decimal size and an item without an id', async () => {
    const throttled = (await readFixture('unified-audit-log.csv')).audit[1];
    expect(throttled).toMatchObject({
      creationTime: '2026-10-04T11:00:05.123Z',
      recordType: 'ExchangeItemAggregated',
      mailAccessType: 'Bind',
      isThrottled: true,
      operationCount: 12,
      logonType: 0,
      externalAccess: false,
      appIds: ['4f3e2d1c-0b9a-4877-8665-544332211000'],
    });
    expect(throttled?.folders).toEqual([
      {
        path: '\\Inbox',
        items: [
          {
            internetMessageId: 'AM0PR01MB5555EEEE@eurprd01.prod.outlook.com',
            subject: null,
            sizeInBytes: 1156492,
            creationTime: '2026-10-01T16:45:12Z',
          },
        ],
      },
      { path: '\\Archive', items: [] },
    ]);
  });

  it.each(['le', 'be'] as const)(
    'reads the same records from UTF-16%s with a BOM',
    async (order) => {
      const utf8 = await readFixture('unified-audit-log.csv');
      const text = await fixtureText('unified-audit-log.csv');
      const contents = await readBytes('unified-audit-log.csv', utf16(text, order));
      expect(contents.format).toBe('unified-audit-log-csv');
      expect(contents.problems).toEqual([]);
      const strip = (records: AuditRecord[]) =>
        records.map((record) => ({ ...record, source: record.source.line }));
      expect(strip(contents.audit)).toEqual(strip(utf8.audit));
    },
  );

  it('reads an export without the RunspaceId column', async () => {
    const text = (await fixtureText('unified-audit-log.csv'))
      .split('\r\n')
      .map((line) =>
        line.replace(/^\ufeff?"RunspaceId",|^"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",/, ''),
      )
      .join('\r\n');
    const contents = await readBytes('ual-without-runspace.csv', text);
    expect(contents.format).toBe('unified-audit-log-csv');
    expect(problemsOf(contents)).toEqual([]);
    expect(contents.audit.map((record) => record.mailAccessType)).toEqual(['Sync', 'Bind', 'Sync']);
  });

  it('skips the #TYPE line Windows PowerShell writes first, counting it as a line', async () => {
    const text = (await fixtureText('unified-audit-log.csv')).replace(
      /^\ufeff/,
      '\ufeff#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.UnifiedAuditLogEvent\r\n',
    );
    const contents = await readBytes('ual-type-line.csv', text);
    expect(contents.format).toBe('unified-audit-log-csv');
    expect(problemsOf(contents)).toEqual([]);
    expect(contents.audit.map((record) => record.source.line)).toEqual([3, 4, 5]);
  });
});
