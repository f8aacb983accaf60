import { CollectError } from './collect-error.js';
import type { GraphRequest, GraphResponse, GraphTransport } from './graph-client.js';

export interface RetryPolicy {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  /** Wait before the 2nd attempt when the server gives no Retry-After; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 120_000,
};

/** Throttled (429) or the service briefly unavailable (502/503/504): worth trying again. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

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
 * Gives up with a CollectError after `maxAttempts`; other statuses are returned as they are.
 */
export function withRetries(transport: GraphTransport, options: RetryOptions): GraphTransport {
  return {
    async send(request, signal) {
      for (let attempt = 1; ; attempt++) {
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
        const status = response?.status ?? null;
        if (attempt >= options.policy.maxAttempts) {
          const what = status === null ? `failed (${describe(failure)})` : `returned ${status}`;
          throw new CollectError(
            `${request.method} ${urlPath(request.url)} ${what} ${attempt} times; giving up for now ` +
              '(run the collection again to resume)',
            { cause: failure ?? undefined },
          );
        }
        const waitMs = retryDelayMs(response?.headers, attempt, options.policy, options.now());
        options.onRetry?.({ request, status, attempt, waitMs });
        await options.sleep(waitMs, signal);
      }
    },
  };
}

/** The URL without its query: enough to say which call failed. */
export function urlPath(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
