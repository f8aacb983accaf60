/**
 * Exchange allows an app 4 concurrent requests per mailbox (MailboxConcurrency); more are
 * answered 429. Every Graph call against a mailbox (lookup batches, folder resolution and
 * listing) goes through one limiter so that, together, they never exceed it.
 */
export const MAILBOX_CONCURRENCY = 4;

export class MailboxLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(readonly perMailbox: number = MAILBOX_CONCURRENCY) {}

  async run<T>(mailbox: string, task: () => Promise<T>): Promise<T> {
    const key = mailbox.toLowerCase();
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const active = this.active.get(key) ?? 0;
    if (active < this.perMailbox) {
      this.active.set(key, active + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    // The slot passes straight to the next waiter; otherwise it is freed.
    if (next !== undefined) next();
    else this.active.set(key, (this.active.get(key) ?? 1) - 1);
  }
}
