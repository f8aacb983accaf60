import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { graphClient } from './graph-test-client.js';
import type { EmulatorOptions } from './index.js';
import { sampleEmulatorPerTest } from './sample-emulator.js';
import { bindRecords, SAMPLE } from './sample-tenant.js';

interface Query {
  id: string;
  status: string;
  isRecordCountLimitExceeded: boolean;
  recordCountLimit: number;
}

interface RecordPage {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

const WINDOW = {
  displayName: 'BEC-2026-014 finance.lead',
  filterStartDateTime: '2026-10-03T09:00:00Z',
  filterEndDateTime: '2026-10-03T09:20:00Z',
  recordTypeFilters: ['exchangeItemAggregated'],
  operationFilters: ['MailItemsAccessed'],
  userPrincipalNameFilters: [SAMPLE.mailbox],
};

const startSample = sampleEmulatorPerTest();

async function start(
  options: Partial<EmulatorOptions>,
  records = bindRecords(30),
): Promise<Client> {
  return graphClient(await startSample(options, records));
}

/** Polls a query until it leaves notStarted/running; returns every status seen. */
async function poll(
  client: Client,
  id: string,
  version = 'v1.0',
): Promise<{ statuses: string[]; query: Query }> {
  const statuses: string[] = [];
  for (;;) {
    const query = (await client
      .api(`/security/auditLog/queries/${id}`)
      .version(version)
      .get()) as Query;
    statuses.push(query.status);
    if (query.status !== 'notStarted' && query.status !== 'running') return { statuses, query };
  }
}

async function allRecords(
  client: Client,
  id: string,
): Promise<{ records: Record<string, unknown>[]; pages: number }> {
  const records: Record<string, unknown>[] = [];
  let pages = 0;
  let next: string | undefined = `/security/auditLog/queries/${id}/records`;
  while (next !== undefined) {
    const page = (await client.api(next).get()) as RecordPage;
    records.push(...page.value);
    pages++;
    next = page['@odata.nextLink'];
  }
  return { records, pages };
}

describe('emulated audit log queries, with the real Graph client', () => {
  it('moves a query notStarted → running → succeeded and pages all its records', async () => {
    const client = await start({
      auditQueryPolls: { notStarted: 1, running: 2 },
      pageSizes: { auditRecords: 7 },
    });
    const created = (await client.api('/security/auditLog/queries').post(WINDOW)) as Query;
    expect(created.status).toBe('notStarted');
    const { statuses } = await poll(client, created.id);
    expect(statuses).toEqual(['notStarted', 'running', 'running', 'succeeded']);
    const { records, pages } = await allRecords(client, created.id);
    // 09:00 up to, not including, 09:20: the start is inclusive, the end exclusive.
    expect(records).toHaveLength(20);
    expect(pages).toBe(3);
    expect(new Set(records.map((record) => record.id)).size).toBe(20);
    const first = records[0] ?? {};
    expect(first).toMatchObject({
      auditLogRecordType: 'exchangeItemAggregated',
      operation: 'MailItemsAccessed',
      userPrincipalName: SAMPLE.mailbox,
      createdDateTime: '2026-10-03T09:00:00Z',
      auditData: {
        Operation: 'MailItemsAccessed',
        MailboxOwnerUPN: SAMPLE.mailbox,
        CreationTime: '2026-10-03T09:00:00',
      },
    });
  });

  it('filters by user, operation, record type and client address', async () => {
    const records = [
      ...bindRecords(3),
      ...bindRecords(1).map((record) => ({ ...record, Id: 'other-user', UserId: 'cfo@kwizzy.nl' })),
      ...bindRecords(1).map((record) => ({
        ...record,
        Id: 'other-op',
        Operation: 'Send',
        RecordType: 2,
      })),
      ...bindRecords(1).map((record) => ({
        ...record,
        Id: 'other-ip',
        ClientIPAddress: '[2001:db8::1]:443',
      })),
    ];
    const client = await start({ auditQueryPolls: { notStarted: 0, running: 0 } }, records);
    const created = (await client
      .api('/security/auditLog/queries')
      .post({ ...WINDOW, ipAddressFilters: [SAMPLE.attackerIp] })) as Query;
    await poll(client, created.id);
    const { records: found } = await allRecords(client, created.id);
    expect(found.map((record) => record.id).sort()).toEqual(
      bindRecords(3)
        .map((record) => record.Id)
        .sort(),
    );
  });

  it('succeeds with isRecordCountLimitExceeded and only the limit when a query finds too many', async () => {
    const client = await start({
      auditRecordLimit: 12,
      auditQueryPolls: { notStarted: 0, running: 1 },
    });
    const created = (await client.api('/security/auditLog/queries').post(WINDOW)) as Query;
    const { query } = await poll(client, created.id);
    expect(query).toMatchObject({
      status: 'succeeded',
      isRecordCountLimitExceeded: true,
      recordCountLimit: 12,
    });
    expect((await allRecords(client, created.id)).records).toHaveLength(12);
  });

  it('ends the configured number of queries in failed, on beta too', async () => {
    const client = await start({
      auditQueryFailures: 1,
      auditQueryPolls: { notStarted: 0, running: 1 },
    });
    const failed = (await client
      .api('/security/auditLog/queries')
      .version('beta')
      .post(WINDOW)) as Query;
    expect((await poll(client, failed.id, 'beta')).query.status).toBe('failed');
    await expect(
      client.api(`/security/auditLog/queries/${failed.id}/records`).get(),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    const retried = (await client
      .api('/security/auditLog/queries')
      .version('beta')
      .post(WINDOW)) as Query;
    expect((await poll(client, retried.id, 'beta')).query.status).toBe('succeeded');
  });

  it('refuses to list records before the query has succeeded', async () => {
    const client = await start({ auditQueryPolls: { notStarted: 1, running: 1 } });
    const created = (await client.api('/security/auditLog/queries').post(WINDOW)) as Query;
    await expect(
      client.api(`/security/auditLog/queries/${created.id}/records`).get(),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
    });
  });
});
