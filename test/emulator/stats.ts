/** What the emulator saw, for tests to assert on. Counters only grow while it runs. */
export interface EmulatorStats {
  /** Requests per route, e.g. `GET /users/{user}/messages`; inner `$batch` requests included. */
  requests: Record<string, number>;
  /** Outlook requests per mailbox (lower-cased UPN). */
  mailboxRequests: Record<string, number>;
  /** Most Outlook requests in flight at once per mailbox, counting only those let through. */
  maxConcurrentByMailbox: Record<string, number>;
  faults: {
    /** Injected 429 TooManyRequests. */
    tooManyRequests: number;
    /** Injected 503 ServiceUnavailable. */
    serviceUnavailable: number;
    /** 429 ApplicationThrottled for going over the per-mailbox concurrency limit. */
    mailboxConcurrency: number;
    /** Graph requests refused 401 for a missing, unknown or expired bearer token. */
    unauthorized: number;
    /** Requests refused as the fault plan says (403: permission, licence, RBAC scope). */
    refused: number;
    /** 429s for a tenant quota of the fault plan (audit queries, message trace per 5 minutes). */
    quota: number;
  };
  /** Every access, refresh and id token issued, so tests can check none leaks into output. */
  tokensIssued: string[];
}

export function emptyStats(): EmulatorStats {
  return {
    requests: {},
    mailboxRequests: {},
    maxConcurrentByMailbox: {},
    faults: {
      tooManyRequests: 0,
      serviceUnavailable: 0,
      mailboxConcurrency: 0,
      unauthorized: 0,
      refused: 0,
      quota: 0,
    },
    tokensIssued: [],
  };
}

export function count(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}
