/**
 * Exchange allows an app 4 concurrent requests per mailbox (MailboxConcurrency); more are
 * answered 429. The requests inside a `$batch` count too: Outlook runs them up to 4 at a
 * time, so a batch weighs as much as the requests it can have running at once. Every Graph
 * call against a mailbox (lookup batches, folder resolution and listing) goes through one
 * limiter so that, together, they never exceed the limit.
 */
export const MAILBOX_CONCURRENCY = 4;

interface Waiter {
  weight: number;
  grant: () => void;
}

export class MailboxLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(readonly perMailbox: number = MAILBOX_CONCURRENCY) {}

  /** Runs `task` once `weight` of the mailbox's slots are free (first come, first served). */
  async run<T>(mailbox: string, task: () => Promise<T>, weight = 1): Promise<T> {
    const key = mailbox.toLowerCase();
    const slots = Math.min(Math.max(1, weight), this.perMailbox);
    await this.acquire(key, slots);
    try {
      return await task();
    } finally {
      this.release(key, slots);
    }
  }

  private acquire(key: string, weight: number): Promise<void> {
    const queue = this.waiting.get(key) ?? [];
    const active = this.active.get(key) ?? 0;
    if (queue.length === 0 && active + weight <= this.perMailbox) {
      this.active.set(key, active + weight);
      return Promise.resolve();
    }
    return new Promise((grant) => {
      queue.push({ weight, grant });
      this.waiting.set(key, queue);
    });
  }

  private release(key: string, weight: number): void {
    let active = (this.active.get(key) ?? weight) - weight;
    const queue = this.waiting.get(key) ?? [];
    // In order, so that a heavy batch is not starved by a stream of light requests.
    for (let next = queue[0]; next !== undefined && active + next.weight <= this.perMailbox;) {
      queue.shift();
      active += next.weight;
      next.grant();
      next = queue[0];
    }
    this.active.set(key, active);
  }
}
