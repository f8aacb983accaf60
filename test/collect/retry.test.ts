import { describe, expect, it } from 'vitest';
import { type GraphResponse } from '../../src/collect/index.js';
import { StepFailed } from '../../src/collect/step-failure.js';
import { retryAfterMs, withRetries, DEFAULT_RETRY_POLICY } from '../../src/collect/retry.js';

const NOW = Date.parse('2026-10-01T10:00:00Z');

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, whatever the header case', () => {
    expect(retryAfterMs({ 'Retry-After': '7' }, NOW)).toBe(7000);
    expect(retryAfterMs({ 'retry-after': '0.5' }, NOW)).toBe(500);
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Oct 2026 10:00:30 GMT' }, NOW)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Oct 2026 09:00:00 GMT' }, NOW)).toBe(0);
    expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeNull();
    expect(retryAfterMs({}, NOW)).toBeNull();
  });
});

describe('withRetries', () => {
  const reply = (status: number, headers: Record<string, string> = {}): GraphResponse => ({
    status,
    headers,
    text: '{}',
  });

  it('retries 429, 502, 503, 504 and network errors, waiting as told, then returns', async () => {
    const answers: (GraphResponse | Error)[] = [
      reply(429, { 'retry-after': '3' }),
      reply(502),
      new TypeError('fetch failed'),
      reply(503),
      reply(504, { 'retry-after': '1' }),
      reply(404),
    ];
    const waits: number[] = [];
    const transport = withRetries(
      {
        send: () => {
          const next = answers.shift();
          return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? reply(200));
        },
      },
      {
        policy: { maxAttempts: 8, maxThrottleWaitMs: 60_000, baseDelayMs: 100, maxDelayMs: 1000 },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        now: () => NOW,
      },
    );
    const response = await transport.send({ method: 'GET', url: 'https://graph.test/v1.0/x' });
    expect(response.status).toBe(404);
    expect(waits).toEqual([3000, 100, 200, 400, 1000]);
  });

  it('gives up on a service that keeps failing with a StepFailed: that part is a gap', async () => {
    const transport = withRetries(
      { send: () => Promise.resolve(reply(503)) },
      {
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
        sleep: () => Promise.resolve(),
        now: () => NOW,
      },
    );
    const result = transport.send({
      method: 'GET',
      url: 'https://graph.test/v1.0/x?$filter=secret',
    });
    await expect(result).rejects.toBeInstanceOf(StepFailed);
    await expect(result).rejects.toThrow(
      'GET https://graph.test/v1.0/x returned 503 3 times; giving up on it for now (run the collection again to fill the gap)',
    );
    await expect(result).rejects.toMatchObject({
      failure: { status: 503, cause: 'service-fault' },
    });
  });

  it('calls a network that never answers a network error, and stops the collection', async () => {
    const transport = withRetries(
      {
        send: () =>
          Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
      },
      {
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
        sleep: () => Promise.resolve(),
        now: () => NOW,
      },
    );
    const result = transport.send({ method: 'GET', url: 'https://graph.test/v1.0/x' });
    await expect(result).rejects.not.toBeInstanceOf(StepFailed);
    await expect(result).rejects.toThrow(
      'GET https://graph.test/v1.0/x failed 2 times with a network error (fetch failed: ECONNREFUSED)',
    );
  });

  it('waits out a quota as Retry-After says without using up attempts, within its limit', async () => {
    const hour = { 'retry-after': '3600' };
    const answers = [reply(429, hour), reply(429, hour), reply(429, hour), reply(200)];
    const waits: number[] = [];
    const transport = withRetries(
      { send: () => Promise.resolve(answers.shift() ?? reply(200)) },
      {
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        now: () => NOW,
      },
    );
    const response = await transport.send({ method: 'POST', url: 'https://graph.test/v1.0/q' });
    expect(response.status).toBe(200);
    expect(waits).toEqual([3_600_000, 3_600_000, 3_600_000]);

    const endless = withRetries(
      { send: () => Promise.resolve(reply(429, { 'retry-after': '86400' })) },
      { policy: DEFAULT_RETRY_POLICY, sleep: () => Promise.resolve(), now: () => NOW },
    );
    await expect(
      endless.send({ method: 'POST', url: 'https://graph.test/v1.0/q' }),
    ).rejects.toMatchObject({ failure: { status: 429, cause: 'service-fault' } });
  });
});
