import { expect, it } from 'vitest';
import { MailboxLimiter } from '../../src/collect/mailbox-limiter.js';

it('lets at most 4 tasks run per mailbox, case-insensitively, others freely', async () => {
  const limiter = new MailboxLimiter();
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const task = (mailbox: string) =>
    limiter.run(mailbox, async () => {
      const key = mailbox.toLowerCase();
      running.set(key, (running.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, running.get(key) ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 2));
      running.set(key, (running.get(key) ?? 0) - 1);
      return key;
    });
  const results = await Promise.all([
    ...Array.from({ length: 10 }, (_, i) => task(i % 2 === 0 ? 'A@kwizzy.nl' : 'a@kwizzy.nl')),
    ...Array.from({ length: 3 }, () => task('b@kwizzy.nl')),
  ]);
  expect(results).toHaveLength(13);
  expect(peak.get('a@kwizzy.nl')).toBe(4);
  expect(peak.get('b@kwizzy.nl')).toBe(3);
});

it('frees the slot when a task fails', async () => {
  const limiter = new MailboxLimiter(1);
  await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(limiter.run('a', () => Promise.resolve('next'))).resolves.toBe('next');
});

it('counts a batch as the requests it runs at once and serves waiters in order', async () => {
  const limiter = new MailboxLimiter();
  const order: string[] = [];
  let running = 0;
  let peak = 0;
  // A batch of 20 runs 4 at a time: it weighs 4.
  const task = (name: string, requests: number) =>
    limiter.run(
      'a@kwizzy.nl',
      async () => {
        const weight = Math.min(requests, 4);
        running += weight;
        peak = Math.max(peak, running);
        order.push(name);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= weight;
      },
      requests,
    );
  await Promise.all([task('get-1', 1), task('batch-1', 4), task('get-2', 1), task('batch-2', 20)]);
  expect(peak).toBe(4);
  expect(order).toEqual(['get-1', 'batch-1', 'get-2', 'batch-2']);
});
