import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from './graph-test-client.js';
import { startEmulator, testPkiFromEnv, type RunningEmulator } from './index.js';
import { SAMPLE, sampleTenant } from './sample-tenant.js';

interface Page {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

const filter = (text: string): string => `$filter=${encodeURIComponent(text)}`;

describe('emulated sign-in logs and message trace, with the real Graph client', () => {
  let emulator: RunningEmulator;
  let client: Client;

  const get = async (path: string, version = 'v1.0'): Promise<Page> =>
    (await client.api(path).version(version).get()) as Page;

  beforeAll(async () => {
    emulator = await startEmulator({
      tenant: sampleTenant(testPkiFromEnv()),
      now: '2026-10-10T12:00:00Z',
    });
    client = graphClient(emulator);
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it("lists a user's sign-ins in a time range, with session ids on beta only", async () => {
    const query = filter(
      `userPrincipalName eq '${SAMPLE.mailbox}' and createdDateTime ge 2026-10-01T00:00:00Z and createdDateTime le 2026-10-15T00:00:00Z`,
    );
    const beta = await get(`/auditLogs/signIns?${query}`, 'beta');
    expect(beta.value).toHaveLength(1);
    expect(beta.value[0]).toMatchObject({
      ipAddress: SAMPLE.attackerIp,
      sessionId: '00b7a5a4-9c1e-4f55-8d0c-2b6e1f7a9c31',
    });
    const v1 = await get(`/auditLogs/signIns?${query}`);
    expect(v1.value[0]).toMatchObject({ ipAddress: SAMPLE.attackerIp });
    expect(v1.value[0]).not.toHaveProperty('sessionId');
  });

  it('pages sign-ins newest first with $top', async () => {
    const first = await get('/auditLogs/signIns?$top=1');
    expect(first.value[0]?.createdDateTime).toBe('2026-10-03T08:55:12Z');
    const second = await get(first['@odata.nextLink'] ?? '');
    expect(second.value[0]?.createdDateTime).toBe('2026-10-02T07:10:00Z');
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('refuses a sign-in filter on a property Microsoft does not support', async () => {
    await expect(get(`/auditLogs/signIns?${filter("sessionId eq 'x'")}`)).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('traces a message by its Message-ID within a received range: one row per recipient', async () => {
    const query = filter(
      "messageId eq '<msg-3@kwizzy.nl>' and receivedDateTime ge 2026-10-01T00:00:00Z and receivedDateTime le 2026-10-10T00:00:00Z",
    );
    const traces = await get(`/admin/exchange/tracing/messageTraces?${query}`);
    expect(traces.value.map((trace) => trace.recipientAddress).sort()).toEqual([
      'cfo@kwizzy.nl',
      SAMPLE.mailbox,
    ]);
  });

  it('keeps message trace to its documented limits', async () => {
    // Without a range only the last 48 hours are searched.
    const recent = await get(
      `/admin/exchange/tracing/messageTraces?${filter("messageId eq '<msg-3@kwizzy.nl>'")}`,
    );
    expect(recent.value).toEqual([]);
    const tooLong = filter(
      'receivedDateTime ge 2026-09-20T00:00:00Z and receivedDateTime le 2026-10-05T00:00:00Z',
    );
    await expect(get(`/admin/exchange/tracing/messageTraces?${tooLong}`)).rejects.toMatchObject({
      statusCode: 400,
    });
    const oneSided = filter('receivedDateTime ge 2026-10-01T00:00:00Z');
    await expect(get(`/admin/exchange/tracing/messageTraces?${oneSided}`)).rejects.toMatchObject({
      statusCode: 400,
    });
  });
});
