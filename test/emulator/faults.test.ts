import { describe, expect, it } from 'vitest';
import { appToken } from './graph-test-client.js';
import type { EmulatorOptions, RunningEmulator } from './index.js';
import { sampleEmulatorPerTest } from './sample-emulator.js';
import { SAMPLE } from './sample-tenant.js';

const startSample = sampleEmulatorPerTest();

async function start(
  options: Partial<EmulatorOptions>,
): Promise<{ emulator: RunningEmulator; token: string }> {
  const emulator = await startSample(options);
  return { emulator, token: await appToken(emulator) };
}

/** Sends `count` requests one after another; returns each status and Retry-After. */
async function send(
  url: string,
  token: string,
  count: number,
): Promise<{ status: number; retryAfter: string | null }[]> {
  const seen = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    seen.push({ status: response.status, retryAfter: response.headers.get('Retry-After') });
  }
  return seen;
}

async function statuses(url: string, token: string, count: number): Promise<number[]> {
  return (await send(url, token, count)).map((answer) => answer.status);
}

describe('emulated throttling and outages', () => {
  it('answers about the configured share of requests with 429 or 503, each with Retry-After', async () => {
    const { emulator, token } = await start({
      failureRate: 0.2,
      faultSeed: 7,
      retryAfterSeconds: 3,
    });
    const faults = (await send(`${emulator.url}/v1.0/auditLogs/signIns`, token, 400)).filter(
      (answer) => answer.status !== 200,
    );
    // Binomial(400, 0.2): mean 80, standard deviation 8.
    expect(faults.length).toBeGreaterThan(50);
    expect(faults.length).toBeLessThan(110);
    expect(new Set(faults.map((answer) => answer.status))).toEqual(new Set([429, 503]));
    expect(new Set(faults.map((answer) => answer.retryAfter))).toEqual(new Set(['3']));
    const { tooManyRequests, serviceUnavailable } = emulator.stats.faults;
    expect(tooManyRequests + serviceUnavailable).toBe(faults.length);
  });

  it('injects the same faults for the same seed', async () => {
    const first = await start({ failureRate: 0.3, faultSeed: 42 });
    const a = await statuses(`${first.emulator.url}/beta/auditLogs/signIns`, first.token, 40);
    const second = await start({ failureRate: 0.3, faultSeed: 42 });
    const b = await statuses(`${second.emulator.url}/beta/auditLogs/signIns`, second.token, 40);
    expect(b).toEqual(a);
    expect(a.some((status) => status !== 200)).toBe(true);
  });

  it('refuses a fifth concurrent request for one mailbox with 429 ApplicationThrottled', async () => {
    const { emulator, token } = await start({ latencyMs: 300, retryAfterSeconds: 0 });
    const url = `${emulator.url}/v1.0/users/${SAMPLE.mailbox}/mailFolders/inbox`;
    const answers = await Promise.all(
      Array.from({ length: 7 }, async () => {
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        return {
          status: response.status,
          body: (await response.json()) as { error?: { code: string; message: string } },
        };
      }),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]?.body.error).toEqual(
      expect.objectContaining({
        code: 'ApplicationThrottled',
        message: expect.stringContaining('MailboxConcurrency') as unknown,
      }),
    );
    expect(emulator.stats.maxConcurrentByMailbox[SAMPLE.mailbox]).toBe(4);
    expect(emulator.stats.faults.mailboxConcurrency).toBe(3);
    // Other mailboxes' requests and non-mail requests are not limited by this mailbox's load.
    expect((await statuses(`${emulator.url}/v1.0/auditLogs/signIns`, token, 1))[0]).toBe(200);
  });

  it('waits latencyMs before answering', async () => {
    const { emulator, token } = await start({ latencyMs: 150 });
    const started = performance.now();
    await statuses(`${emulator.url}/v1.0/auditLogs/signIns`, token, 2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });
});
