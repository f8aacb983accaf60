import { graphError, type GraphResponse } from './graph-http.js';
import type { EmulatorStats } from './stats.js';

/** mulberry32: a tiny seeded PRNG, so a seed and a request order always give the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Answers a configured share of requests with 429 or 503 (half each), both carrying
 * `Retry-After` so clients that honour it (the Graph client's RetryHandler does) wait as told.
 */
export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
    private readonly retryAfterSeconds: number,
    private readonly stats: EmulatorStats,
  ) {
    this.random = seededRandom(seed);
  }

  /** A fault for the next request, or null to serve it. */
  draw(): GraphResponse | null {
    if (this.rate <= 0 || this.random() >= this.rate) return null;
    const headers = { 'Retry-After': String(this.retryAfterSeconds) };
    if (this.random() < 0.5) {
      this.stats.faults.tooManyRequests++;
      return graphError(429, 'TooManyRequests', 'Too many requests.', headers);
    }
    this.stats.faults.serviceUnavailable++;
    return graphError(
      503,
      'ServiceUnavailable',
      'The service is temporarily unavailable.',
      headers,
    );
  }
}

/**
 * Outlook's per-mailbox concurrency limit: a request beyond the limit is refused at once with
 * the 429 Exchange gives (`ApplicationThrottled`, "...MailboxConcurrency limit").
 */
export class MailboxSlots {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly retryAfterSeconds: number,
    private readonly stats: EmulatorStats,
  ) {}

  /** Takes a slot for `mailbox`; returns the 429 to send instead when none is free. */
  acquire(mailbox: string): GraphResponse | null {
    const busy = this.inFlight.get(mailbox) ?? 0;
    if (busy >= this.limit) {
      this.stats.faults.mailboxConcurrency++;
      return graphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        { 'Retry-After': String(this.retryAfterSeconds) },
      );
    }
    this.inFlight.set(mailbox, busy + 1);
    const max = this.stats.maxConcurrentByMailbox;
    max[mailbox] = Math.max(max[mailbox] ?? 0, busy + 1);
    return null;
  }

  release(mailbox: string): void {
    this.inFlight.set(mailbox, (this.inFlight.get(mailbox) ?? 1) - 1);
  }
}
