import type { Client } from '@microsoft/microsoft-graph-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { appToken, graphClient } from './graph-test-client.js';
import type { EmulatorOptions, RunningEmulator } from './index.js';
import { sampleEmulatorPerTest } from './sample-emulator.js';
import { SAMPLE } from './sample-tenant.js';

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
}

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { value?: { subject: string }[]; error?: { code: string } };
}

const startSample = sampleEmulatorPerTest();

async function start(
  options: Partial<EmulatorOptions>,
): Promise<{ emulator: RunningEmulator; client: Client }> {
  const emulator = await startSample(options);
  return { emulator, client: graphClient(emulator) };
}

async function batch(client: Client, requests: BatchRequest[]): Promise<BatchResponse[]> {
  return ((await client.api('/$batch').post({ requests })) as { responses: BatchResponse[] })
    .responses;
}

function lookup(index: number): BatchRequest {
  const filter = encodeURIComponent(`internetMessageId eq '<msg-${index}@kwizzy.nl>'`);
  return {
    id: String(index),
    method: 'GET',
    url: `/users/${SAMPLE.mailbox}/messages?$filter=${filter}&$select=subject`,
  };
}

describe('emulated JSON batching, with the real Graph client', () => {
  it('fails inner requests on their own with 429 and Retry-After; re-queued, all succeed', async () => {
    const { client } = await start({ failureRate: 0.3, faultSeed: 3, retryAfterSeconds: 0 });
    let pending = Array.from({ length: 20 }, (_, index) => lookup(index));
    const subjects = new Map<string, string>();
    const failures: BatchResponse[] = [];
    for (let round = 0; pending.length > 0 && round < 20; round++) {
      const responses = await batch(client, pending);
      expect(responses.map((response) => response.id).sort()).toEqual(
        pending.map((request) => request.id).sort(),
      );
      for (const response of responses) {
        if (response.status === 200)
          subjects.set(response.id, response.body?.value?.[0]?.subject ?? '');
        else failures.push(response);
      }
      pending = pending.filter((request) => !subjects.has(request.id));
    }
    expect(pending).toEqual([]);
    expect(subjects.get('7')).toBe('Invoice 1007');
    expect(failures.some((response) => response.status === 429)).toBe(true);
    for (const failure of failures) {
      expect([429, 503]).toContain(failure.status);
      expect(failure.headers['Retry-After']).toBe('0');
    }
  });

  it('refuses a batch of more than 20 requests', async () => {
    const { client } = await start({});
    await expect(
      batch(
        client,
        Array.from({ length: 21 }, (_, index) => lookup(index)),
      ),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('runs a batch 4 requests at a time, so a batch alone stays within the mailbox limit', async () => {
    const { emulator, client } = await start({ latencyMs: 50 });
    const responses = await batch(
      client,
      Array.from({ length: 12 }, (_, index) => lookup(index)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(emulator.stats.maxConcurrentByMailbox[SAMPLE.mailbox]).toBe(4);
  });

  it('counts inner requests against the mailbox: requests sent meanwhile get MailboxConcurrency', async () => {
    const { emulator, client } = await start({ latencyMs: 600, retryAfterSeconds: 0 });
    const token = await appToken(emulator);
    const running = batch(
      client,
      Array.from({ length: 4 }, (_, index) => lookup(index)),
    );
    // The batch itself waits 600 ms, then its inner requests hold the mailbox for 600 ms more.
    await sleep(900);
    const response = await fetch(`${emulator.url}/v1.0/users/${SAMPLE.mailbox}/mailFolders/inbox`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'ApplicationThrottled',
    );
    expect((await running).map((inner) => inner.status)).toEqual([200, 200, 200, 200]);
  });

  it('answers 424 for a request whose dependency failed', async () => {
    const { client } = await start({});
    const responses = await batch(client, [
      { id: '1', method: 'GET', url: '/users/nobody@kwizzy.nl/mailFolders/inbox' },
      { ...lookup(2), id: '2', dependsOn: ['1'] },
    ]);
    expect(responses.map((response) => [response.id, response.status])).toEqual([
      ['1', 404],
      ['2', 424],
    ]);
  });
});
