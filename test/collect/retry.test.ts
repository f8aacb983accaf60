import { describe, expect, it } from 'vitest';
import { CollectError, type GraphResponse } from '../../src/collect/index.js';
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
        policy: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1000 },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        now: () => NOW,
      },
    );
    const response = await transport.send({ method: 'GET', url: 'https://graph.test/v1.0/x' });
    expect(response.status).toBe(404);
    expect(waits).toEqual([3000, 200, 400, 800, 1000]);
  });

  it('gives up with a CollectError that says the run can be resumed', async () => {
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
    await expect(result).rejects.toBeInstanceOf(CollectError);
    await expect(result).rejects.toThrow(
      'GET https://graph.test/v1.0/x returned 503 3 times; giving up for now (run the collection again to resume)',
    );
  });
});
