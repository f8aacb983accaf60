import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { activityKindOf, type AuditRecord } from '../../src/model/index.js';
import { JsonFields, isJsonObject } from '../../src/sources/json-fields.js';
import { normalizeAuditData } from '../../src/sources/normalize-audit-data.js';
import { corpusPath, corpusPresent, corpusSuite } from '../shared-corpus.js';
import { readAll, readFixture } from './fixture-files.js';

const source = { input: 'evidence/audit.json', line: 1 };

async function fixtureRecords(): Promise<Map<string, AuditRecord>> {
  const contents = await readFixture('activity-audit-data.ndjson');
  expect(contents.problems).toEqual([]);
  return new Map(contents.audit.map((record) => [record.id.slice(-2), record]));
}

function normalize(data: Record<string, unknown>): AuditRecord {
  return normalizeAuditData(
    new JsonFields({
      CreationTime: '2026-10-03T09:05:31',
      Id: '6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3aff',
      UserId: 'finance.lead@kwizzy.nl',
      ...data,
    }),
    source,
  );
}

describe('activity fields (docs/attacker-activity-records.md)', () => {
  it('reads ExchangeAdmin Parameters, ObjectId and ResultStatus of inbox-rule cmdlets', async () => {
    const rule = (await fixtureRecords()).get('01');
    expect(rule?.activity?.objectId).toMatch(/\\\.$/);
    expect(rule?.activity?.resultStatus).toBe('True');
    expect(rule?.activity?.parameters).toContainEqual({
      name: 'ForwardTo',
      value: 'kwizzy.finance@outlook-mail.example',
    });
    expect(rule?.clientIp).toBe('203.0.113.45');
    expect(rule?.mailbox).toBe('finance.lead@kwizzy.nl');
  });

  it('reads Parameters written as one PowerShell string', async () => {
    const rule = (await fixtureRecords()).get('05');
    expect(rule?.activity?.parameters).toEqual([
      { name: 'Name', value: 'Bank' },
      { name: 'From', value: 'relatiebeheer@noordzeebank.nl' },
      { name: 'DeleteMessage', value: 'True' },
      { name: 'StopProcessingRules', value: 'True' },
      { name: 'AlwaysDeleteOutlookRulesBlob', value: 'False' },
    ]);
  });

  it('keeps an OperationProperties entry that has a Name and no Value', async () => {
    const outlookRule = (await fixtureRecords()).get('06');
    expect(outlookRule?.activity?.operationProperties).toContainEqual({
      name: 'RuleName',
      value: null,
    });
    expect(outlookRule?.activity?.operationProperties).toContainEqual({
      name: 'RuleActions',
      value:
        '[{"ActionType":"Forward","Recipients":["kwizzy.finance@outlook-mail.example"],"ForwardFlags":"None"}]',
    });
  });

  it('reads AffectedItems, folders and both CrossMailboxOperation spellings', async () => {
    const records = await fixtureRecords();
    const moved = records.get('12')?.activity;
    expect(moved?.crossMailbox).toBe(false);
    expect(moved?.destFolder).toBe('\\Deleted Items');
    expect(moved?.affectedItems).toEqual([
      {
        internetMessageId:
          'AM9PR05MB2209AF85AF43EABD64533BB6EEB2168908C4@AM9PR05MB2209.eurprd05.prod.outlook.com',
        subject: 'Updated bank details for Kwizzy B.V. – please note',
        folder: '\\Sent Items',
      },
    ]);
    expect(records.get('13')?.activity?.crossMailbox).toBe(false);
    expect(records.get('14')?.activity?.affectedItems[0]?.subject).toBeNull();
    expect(records.get('15')?.activity?.destFolder).toBe('\\RSS Feeds');
  });

  it('reads the recipients and the address a SendAs went out in', async () => {
    const sendAs = (await fixtureRecords()).get('10');
    expect(sendAs?.activity?.recipients).toEqual([
      'buchhaltung@lindqvist-spielwaren.de',
      'einkauf@lindqvist-spielwaren.de',
    ]);
    expect(sendAs?.activity?.sentAs).toBe('invoices@kwizzy.nl');
    expect(sendAs?.item?.subject).toBe('Zahlungsinformationen');
  });

  it('reads search terms at the top level or in OperationProperties', async () => {
    expect((await fixtureRecords()).get('11')?.activity).toMatchObject({
      queryText: 'IBAN',
      querySource: 'OWA',
    });
    const nested = normalize({
      Operation: 'SearchQueryInitiatedExchange',
      OperationProperties: [{ Name: 'QueryText', Value: 'wachtwoord' }],
    });
    expect(nested.activity?.queryText).toBe('wachtwoord');
  });

  it('keeps a record whose activity field has an undocumented shape, naming the field', () => {
    const odd = normalize({ Operation: 'New-InboxRule', Parameters: 42, AffectedItems: 'x' });
    expect(odd.activity?.parameters).toEqual([]);
    expect(odd.activity?.unreadable).toEqual(['Parameters: 42', 'AffectedItems: x']);
  });

  it('reads no activity fields for other operations', () => {
    expect(normalize({ Operation: 'MailItemsAccessed', Parameters: 42 }).activity).toBeNull();
  });
});

describe.skipIf(!corpusPresent)(
  corpusSuite('activity fields of the real records in the corpus'),
  () => {
    it('reads every activity record of the corpus, none of its fields unreadable', async () => {
      const corpus = await readFile(corpusPath('records.jsonl'), 'utf8');
      const read: Record<string, number> = {};
      for (const line of corpus.split('\n')) {
        const data = auditDataOf(line);
        if (data === null) continue;
        const operation = typeof data.Operation === 'string' ? data.Operation : '';
        if (activityKindOf(operation) === null || typeof data.Id !== 'string') continue;
        const record = normalizeAuditData(new JsonFields(data), source);
        expect(record.activity?.unreadable, `${operation} ${data.Id}`).toEqual([]);
        read[operation] = (read[operation] ?? 0) + 1;
      }
      expect(read).toMatchObject({
        'New-InboxRule': 1,
        UpdateInboxRules: 3,
        'Set-Mailbox': expect.any(Number) as number,
        SoftDelete: 5,
        HardDelete: 1,
      });
    });

    it.each([
      ['huntress2023__Rogue-Inbox__purview.csv', 'New-InboxRule', 38],
      ['blueteam0ps__t1114_Set-Mailbox-ForwardSMTPAddress.csv', 'Set-Mailbox', 1],
      ['blueteam0ps__t1114.003_rule_mail_forward_same_dest.json', 'New-InboxRule', 2],
      [
        'blueteam0ps__t1564.008_Update_existing_mailbox_rule_using_Set-InboxRule.csv',
        'Set-InboxRule',
        1,
      ],
    ])('reads the real export %s with its %s parameters', async (name, operation, count) => {
      const path = corpusPath(`verbatim/${name}`);
      const contents = await readAll({ path, displayPath: name });
      const records = contents.audit.filter((record) => record.operation === operation);
      expect(records).toHaveLength(count);
      for (const record of records) {
        expect(record.activity?.unreadable).toEqual([]);
        expect(record.activity?.parameters.length).toBeGreaterThan(0);
      }
    });
  },
);

function auditDataOf(line: string): Record<string, unknown> | null {
  if (line.trim() === '') return null;
  const { raw } = JSON.parse(line) as { raw: string };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isJsonObject(value)) return null;
  const inner = value.AuditData ?? value;
  const data: unknown = typeof inner === 'string' ? JSON.parse(inner) : inner;
  return isJsonObject(data) ? data : null;
}
