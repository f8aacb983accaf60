import type { CollectContext } from './context.js';

/**
 * At most `limit` requests in any `windowMs`, across the whole run (Graph message trace: 100
 * per 5 minutes per tenant). A request that would go over waits until the oldest one leaves
 * the window, and progress says how long, instead of being refused with 429s. Requests are
 * let through in the order they were asked for: while one waits, the others wait behind it,
 * so a wait is said once however many workers are held up by it.
 */
export class RequestBudget {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: Pick<CollectContext, 'timing' | 'emit'>,
    private readonly what: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Resolves when one more request may be sent now, and counts it. */
  take(signal: AbortSignal | undefined): Promise<void> {
    const turn = this.queue.then(() => this.takeInTurn(signal));
    // A wait cut short (the run aborted) must not hold up those behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeInTurn(signal: AbortSignal | undefined): Promise<void> {
    const { now, sleep } = this.context.timing;
    for (;;) {
      const at = now();
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= at - this.windowMs) this.sent.shift();
      if (this.sent.length < this.limit) {
        this.sent.push(at);
        return;
      }
      const waitMs = (this.sent[0] ?? at) + this.windowMs - at;
      this.context.emit({
        type: 'budget-wait',
        what: this.what,
        limit: this.limit,
        windowMs: this.windowMs,
        waitMs,
      });
      await sleep(waitMs, signal);
    }
  }
}
