import { describe, expect, it } from 'vitest';
import { readFixture } from './fixture-files.js';

describe('management-api-json', () => {
  it('reads an array of bare AuditData with each element on its own line', async () => {
    const contents = await readFixture('management-api.json');
    expect(contents.format).toBe('management-api-json');
    expect(contents.problems).toEqual([]);
    expect(contents.audit.map((record) => [record.operation, record.source.line])).toEqual([
      ['MailItemsAccessed', 1],
      ['UserLoggedIn', 2],
      ['MailItemsAccessed', 3],
    ]);
  });

  it('undoes the \\u003c escapes of message ids and ignores OriginatingServer line ends', async () => {
    const [first, , last] = (await readFixture('management-api.json')).audit;
    expect(first?.folders).toEqual([
      {
        path: '\\Inbox',
        items: [
          {
            internetMessageId: 'AM0PR01MB9999AAAA@eurprd01.prod.outlook.com',
            subject: null,
            sizeInBytes: 15320,
            creationTime: null,
          },
        ],
      },
    ]);
    expect(last?.folders[0]?.items.map((item) => item.internetMessageId)).toEqual([
      'AM0PR01MB9999BBBB@eurprd01.prod.outlook.com',
      'AM0PR01MB9999CCCC@eurprd01.prod.outlook.com',
    ]);
  });

  it('normalises a bracketed IPv4 and names numeric record types', async () => {
    const records = (await readFixture('management-api.json')).audit;
    expect(records.map((record) => [record.recordType, record.clientIp])).toEqual([
      ['ExchangeItemAggregated', '10.11.12.13'],
      ['AzureActiveDirectoryStsLogon', '10.11.12.13'],
      ['ExchangeItemAggregated', '10.11.12.13'],
    ]);
    expect(records[1]).toMatchObject({
      mailAccessType: null,
      folders: [],
      workload: 'AzureActiveDirectory',
    });
  });
});
