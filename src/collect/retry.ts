import { CollectError } from './collect-error.js';
import {
  urlPath,
  type GraphRequest,
  type GraphResponse,
  type GraphTransport,
} from './graph-client.js';
import type { RetryReason } from './progress.js';
import { failedResponse, StepFailed } from './step-failure.js';

export interface RetryPolicy {
  /** Attempts per request, the first one included (429s with a Retry-After do not count). */
  maxAttempts: number;
  /**
   * Longest a request waits in all for 429s that say how long to wait (Retry-After): a quota
   * (audit queries per tenant, message trace per 5 minutes) is waited out, not given up on.
   */
  maxThrottleWaitMs: number;
  /** Wait before the 2nd attempt when the server gives no Retry-After; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxThrottleWaitMs: 6 * 3_600_000,
  baseDelayMs: 2_000,
  maxDelayMs: 120_000,
};

/**
 * Throttled (429) or the service failing for a while (500, 502, 503, 504): worth trying again.
 * The audit log query service is known to answer 500 now and then on long record listings.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('Collection aborted', 'AbortError');
}

/** Header value by case-insensitive name. */
export function headerValue(
  headers: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** `Retry-After` as delay seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(
  headers: Readonly<Record<string, string>> | undefined,
  nowMs: number,
): number | null {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Exponential backoff for the given failed attempt (1-based). */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** How long to wait after a retryable failure: the server's Retry-After when it gives one. */
export function retryDelayMs(
  headers: Readonly<Record<string, string>> | undefined,
  attempt: number,
  policy: RetryPolicy,
  nowMs: number,
): number {
  return retryAfterMs(headers, nowMs) ?? backoffMs(attempt, policy);
}

export interface RetryEvent {
  request: GraphRequest;
  /** HTTP status, or null when the request failed without a response (network error). */
  status: number | null;
  reason: RetryReason;
  /** The wait is the one Graph asked for (Retry-After). */
  asked: boolean;
  attempt: number;
  waitMs: number;
}

export interface RetryOptions {
  policy: RetryPolicy;
  sleep: Sleep;
  now: () => number;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Wraps a transport so that throttling and transient failures are waited out and retried.
 * After `maxAttempts`, a service that kept answering with an error gives a StepFailed (that
 * part of the collection is missing, the rest goes on); no answer at all (the network) gives a
 * CollectError, which stops the collection. Other statuses are returned as they are.
 */
export function withRetries(transport: GraphTransport, options: RetryOptions): GraphTransport {
  return {
    async send(request, signal) {
      const budget = new RetryBudget(options.policy, options.now);
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        let response: GraphResponse | null = null;
        let failure: unknown = null;
        try {
          response = await transport.send(request, signal);
        } catch (error) {
          if (signal?.aborted || error instanceof CollectError) throw error;
          failure = error;
        }
        if (response !== null && !RETRYABLE_STATUSES.has(response.status)) return response;
        const wait = budget.next(request, response, failure);
        options.onRetry?.({ request, ...wait });
        await options.sleep(wait.waitMs, signal);
      }
    },
  };
}

/**
 * The retries of one request: each failed attempt (a retryable status, or no answer) asks for
 * the wait before the next one, until the attempts are used up. A 429 that says how long to
 * wait is a quota to wait out and uses no attempt, up to `maxThrottleWaitMs` in all.
 */
export class RetryBudget {
  private failures = 0;
  private throttledMs = 0;
  private attempt = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number,
  ) {}

  /** The wait before trying again; throws (StepFailed or, for the network, CollectError). */
  next(
    request: GraphRequest,
    response: GraphResponse | null,
    failure: unknown,
  ): Omit<RetryEvent, 'request'> {
    this.attempt += 1;
    const status = response?.status ?? null;
    const asked = status === 429 ? retryAfterMs(response?.headers, this.now()) : null;
    if (asked !== null && this.throttledMs + asked <= this.policy.maxThrottleWaitMs) {
      this.throttledMs += asked;
    } else {
      this.failures += 1;
      if (this.failures >= this.policy.maxAttempts || asked !== null) {
        throw gaveUp(request, response, failure, this.attempt);
      }
    }
    const reason = status === null ? 'network' : status === 429 ? 'throttled' : 'unavailable';
    return {
      status,
      reason,
      asked: asked !== null,
      attempt: this.attempt,
      waitMs: asked ?? retryDelayMs(response?.headers, this.failures, this.policy, this.now()),
    };
  }
}

/** A service that kept answering with an error: that part is missing; no answer: stop. */
function gaveUp(
  request: GraphRequest,
  response: GraphResponse | null,
  failure: unknown,
  attempts: number,
): CollectError {
  const call = `${request.method} ${urlPath(request.url)}`;
  if (response !== null) {
    return new StepFailed(
      failedResponse(request, response).failure,
      `${call} returned ${response.status} ${attempts} times; giving up on it for now ` +
        '(run the collection again to fill the gap)',
    );
  }
  return new CollectError(
    `${call} failed ${attempts} times with a network error (${describe(failure)}); ` +
      'check the connection, then run the collection again to resume',
    { cause: failure ?? undefined },
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
