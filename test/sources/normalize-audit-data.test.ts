import { afterEach, describe, expect, it } from 'vitest';
import { JsonFields, type JsonObject } from '../../src/sources/json-fields.js';
import { normalizeAuditData } from '../../src/sources/normalize-audit-data.js';
import { RowRejection } from '../../src/sources/row-rejection.js';

const source = { input: 'evidence/audit.json', line: 7 };

const bind: JsonObject = {
  CreationTime: '2026-10-03T08:15:00',
  Id: '5F2C7A1E-9B3D-4C8E-A6F0-1D2E3F4A5B6C',
  Operation: 'MailItemsAccessed',
  RecordType: 50,
  UserId: 'Finance.Lead@kwizzy.nl',
  OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
  Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<a@b>' }] }],
};

function normalize(changes: JsonObject) {
  return normalizeAuditData(new JsonFields({ ...bind, ...changes }), source);
}

function rejection(changes: JsonObject): string {
  try {
    normalize(changes);
  } catch (error) {
    if (error instanceof RowRejection) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('normalizeAuditData', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('reads a CreationTime without zone as UTC, whatever the local zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(normalize({}).creationTime).toBe('2026-10-03T08:15:00Z');
    process.env.TZ = 'Asia/Tokyo';
    expect(normalize({}).creationTime).toBe('2026-10-03T08:15:00Z');
  });

  it('keeps milliseconds only when they are not zero', () => {
    expect(normalize({ CreationTime: '2026-10-03T08:15:00.0000000' }).creationTime).toBe(
      '2026-10-03T08:15:00Z',
    );
    expect(normalize({ CreationTime: '2026-10-03T08:15:00.4567891' }).creationTime).toBe(
      '2026-10-03T08:15:00.456Z',
    );
    expect(normalize({ CreationTime: '2026-10-03T10:15:00+02:00' }).creationTime).toBe(
      '2026-10-03T08:15:00Z',
    );
  });

  it.each([
    ['10.11.12.13', '10.11.12.13'],
    ['10.11.12.13:12345', '10.11.12.13'],
    ['[10.11.12.13]', '10.11.12.13'],
    ['[10.11.12.13]:12345', '10.11.12.13'],
    ['::ffff:10.11.12.13', '10.11.12.13'],
    ['[::ffff:10.11.12.13]:12345', '10.11.12.13'],
    ['2001:db8::abcd', '2001:db8::abcd'],
    ['[2001:db8::abcd]', '2001:db8::abcd'],
    ['[2001:db8::abcd]:12345', '2001:db8::abcd'],
    ['localhost', null],
    ['localhost:12345', null],
    ['[cool.client.local]:12345', null],
  ])('normalises the client address %s, keeping it raw', (raw, address) => {
    expect(normalize({ ClientIPAddress: raw })).toMatchObject({
      clientIp: address,
      clientIpRaw: raw,
    });
  });

  it('prefers ClientIPAddress over ClientIP, unless only ClientIP is an address', () => {
    expect(normalize({ ClientIPAddress: '203.0.113.7', ClientIP: '10.0.0.1' })).toMatchObject({
      clientIp: '203.0.113.7',
      clientIps: ['203.0.113.7', '10.0.0.1'],
    });
    expect(
      normalize({ ClientIPAddress: '10.0.0.1', ClientIP: '[::ffff:10.0.0.1]:443' }),
    ).toMatchObject({ clientIps: ['10.0.0.1'] });
    expect(normalize({ ClientIPAddress: 'localhost', ClientIP: '10.0.0.1:443' })).toMatchObject({
      clientIp: '10.0.0.1',
      clientIpRaw: '10.0.0.1:443',
      clientIps: ['10.0.0.1'],
    });
    expect(normalize({})).toMatchObject({ clientIp: null, clientIpRaw: null });
  });

  it.each([
    [2, 'ExchangeItem'],
    ['2', 'ExchangeItem'],
    [3, 'ExchangeItemGroup'],
    [15, 'AzureActiveDirectoryStsLogon'],
    ['50', 'ExchangeItemAggregated'],
    ['ExchangeItemAggregated', 'ExchangeItemAggregated'],
    [99, '99'],
  ])('names RecordType %j as %s', (value, name) => {
    expect(normalize({ RecordType: value }).recordType).toBe(name);
  });

  it.each([['True'], ['true'], [true]])('reads IsThrottled %j as throttled', (value) => {
    const record = normalize({
      OperationProperties: [
        { Name: 'MailAccessType', Value: 'Bind' },
        { Name: 'IsThrottled', Value: value },
      ],
    });
    expect(record.isThrottled).toBe(true);
  });

  it('reads MailAccessType in any case and leaves it null for other operations', () => {
    const sync = normalize({ OperationProperties: [{ Name: 'MailAccessType', Value: 'sYnC' }] });
    expect(sync.mailAccessType).toBe('Sync');
    expect(normalize({ OperationProperties: undefined }).mailAccessType).toBeNull();
  });

  it('reads numbers given as strings', () => {
    const record = normalize({ LogonType: '2', OperationCount: '14', ExternalAccess: 'True' });
    expect(record).toMatchObject({ logonType: 2, operationCount: 14, externalAccess: true });
    expect(normalize({ InternalLogonType: '1' }).logonType).toBe(1);
  });

  it('lower-cases ids and accounts, keeps a SID actor, falls back to it for the mailbox', () => {
    const record = normalize({ UserId: 'S-1-5-18', MailboxOwnerUPN: undefined });
    expect(record).toMatchObject({
      id: '5f2c7a1e-9b3d-4c8e-a6f0-1d2e3f4a5b6c',
      actor: 's-1-5-18',
      mailbox: 's-1-5-18',
    });
    expect(normalize({ MailboxOwnerUPN: 'CEO@Kwizzy.nl' }).mailbox).toBe('ceo@kwizzy.nl');
  });

  it('collects AppId, ClientAppId and AppAccessContext.ClientAppId, unique and sorted', () => {
    const record = normalize({
      AppId: 'BBBBBBBB-0000-4000-8000-000000000000',
      ClientAppId: 'aaaaaaaa-0000-4000-8000-000000000000',
      AppAccessContext: {
        ClientAppId: 'bbbbbbbb-0000-4000-8000-000000000000',
        AADSessionId: 'ABCDEF00-0000-4000-8000-000000000000',
        UniqueTokenId: 'CaSe_SeNsItIvE',
      },
    });
    expect(record).toMatchObject({
      appIds: ['aaaaaaaa-0000-4000-8000-000000000000', 'bbbbbbbb-0000-4000-8000-000000000000'],
      aadSessionId: 'abcdef00-0000-4000-8000-000000000000',
      uniqueTokenId: 'CaSe_SeNsItIvE',
    });
  });

  it('skips folder items without InternetMessageId but keeps their folder', () => {
    const record = normalize({
      Folders: [
        { Path: '\\Inbox', FolderItems: [{ Id: 'RgAAAA', SizeInBytes: 10 }] },
        { Id: 'LgAAAA' },
      ],
    });
    expect(record.folders).toEqual([
      { path: '\\Inbox', items: [] },
      { path: null, items: [] },
    ]);
  });

  it('keeps the one message of a Bind in the RecordType 2 shape', () => {
    const record = normalize({
      RecordType: 2,
      Folders: undefined,
      Item: {
        InternetMessageId: '\\u003cx@y\\u003e',
        Subject: 'Q3',
        ParentFolder: { Path: '\\Inbox' },
      },
    });
    expect(record.folders).toEqual([
      {
        path: '\\Inbox',
        items: [{ internetMessageId: 'x@y', subject: 'Q3', sizeInBytes: null, creationTime: null }],
      },
    ]);
  });

  it('reads attachment names from Item.Attachments, names with parentheses included', () => {
    const created = (attachments: string) =>
      normalize({
        Operation: 'Create',
        RecordType: 2,
        OperationProperties: [],
        Item: { InternetMessageId: '<c@d>', Subject: 'Loonstrook', Attachments: attachments },
      }).item?.attachments;
    expect(
      created('logo.png (8192b); Loonstrook oktober (2).pdf (34816b); notes; v2.docx (12b)'),
    ).toEqual(['logo.png', 'Loonstrook oktober (2).pdf', 'notes; v2.docx']);
    // A shape the export does not document is kept whole rather than lost.
    expect(created('contract.pdf')).toEqual(['contract.pdf']);
    expect(created('')).toEqual([]);
  });

  it('keeps a subject exactly as written, leading and trailing spaces included', () => {
    const record = normalize({
      RecordType: 2,
      Folders: undefined,
      Item: { InternetMessageId: '<x@y>', Subject: ' =1+1 ', ParentFolder: { Path: '\\Inbox' } },
    });
    expect(record.item?.subject).toBe(' =1+1 ');
    expect(record.folders[0]?.items[0]?.subject).toBe(' =1+1 ');
    const blank = normalize({ RecordType: 2, Folders: undefined, Item: { Subject: '   ' } });
    expect(blank.item?.subject).toBeNull();
  });

  it.each([[''], [undefined], ['  ']])(
    'reads a record whose UserId is %j, as ComplianceManager writes them, with no actor',
    (userId) => {
      const record = normalize({ UserId: userId, Workload: 'ComplianceManager' });
      expect(record.actor).toBe('');
      expect(record.mailbox).toBe('');
    },
  );

  it('describes a number too large to hold as such, not as null', () => {
    // JSON.parse reads 1e309 as Infinity, which JSON.stringify writes as null.
    const data = new JsonFields(JSON.parse('{"OperationCount": 1e309}') as JsonObject);
    expect(() => normalizeAuditData(new JsonFields({ ...bind, ...data.raw }), source)).toThrow(
      'OperationCount has an unusable value beyond the largest number a value can hold',
    );
  });

  it('ignores OriginatingServer with its trailing line break', () => {
    expect(() =>
      normalize({ OriginatingServer: 'AM0PR01MB1234 (15.20.6792.000)\r\n' }),
    ).not.toThrow();
  });

  it.each([
    [{ Id: undefined }, 'missing-field'],
    [{ Id: '  ' }, 'missing-field'],
    [{ CreationTime: undefined }, 'missing-field'],
    [{ Operation: null }, 'missing-field'],
    [{ CreationTime: '2026-02-30T08:00:00' }, 'invalid-field'],
    [{ CreationTime: 'yesterday' }, 'invalid-field'],
    [{ LogonType: 'Owner' }, 'invalid-field'],
    [{ OperationProperties: [{ Name: 'MailAccessType', Value: 'Peek' }] }, 'invalid-field'],
    [{ Folders: 'Inbox' }, 'invalid-field'],
    [
      {
        Folders: [
          { Path: '\\Inbox', FolderItems: [{ InternetMessageId: 'a@b', SizeInBytes: '1,024' }] },
        ],
      },
      'invalid-field',
    ],
  ])('rejects %j with %s', (changes, code) => {
    expect(rejection(changes)).toBe(code);
  });
});
