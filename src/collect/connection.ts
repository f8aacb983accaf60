import type { INetworkModule } from '@azure/msal-node';
import type { CaseFile, CollectSettings } from '../model/index.js';
import { resolveEndpoints, type CloudEndpoints } from './clouds.js';
import { CollectError } from './collect-error.js';
import {
  createGraphTransport,
  urlPath,
  type AccessTokenSource,
  type GraphTransport,
} from './graph-client.js';
import type { Preflight } from './preflight.js';
import type { CollectProgress, RetryReason } from './progress.js';
import { DEFAULT_RETRY_POLICY, sleep, withRetries, type RetryPolicy, type Sleep } from './retry.js';

/** How long to wait between polls of an audit query, and for how long at most. */
export interface PollPolicy {
  initialMs: number;
  maxMs: number;
  timeoutMs: number;
}

export interface CollectTiming {
  retry: RetryPolicy;
  poll: PollPolicy;
  sleep: Sleep;
  /** Wall clock in ms (times in the manifest, Retry-After dates, message-trace reach). */
  now: () => number;
}

export const DEFAULT_TIMING: CollectTiming = {
  retry: DEFAULT_RETRY_POLICY,
  poll: { initialMs: 2_000, maxMs: 30_000, timeoutMs: 4 * 3_600_000 },
  sleep,
  now: () => Date.now(),
};

export interface CollectOptions {
  onProgress?: CollectProgress;
  signal?: AbortSignal;
  /** Where the client secret's environment variable is read (process.env by default). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Replaces the Graph SDK transport; it gets the signed-in token source (tests, benchmarks). */
  transport?: (tokens: AccessTokenSource) => GraphTransport;
  /** Replaces msal's HTTP client (tests). */
  msalNetworkClient?: INetworkModule;
  timing?: Partial<CollectTiming>;
  /**
   * Before collecting the audit records, probe every step with one cheap request and hand over
   * what will be missing (the command line warns); the collection then goes on regardless.
   */
  onPreflight?: (preflight: Preflight) => void;
}

export interface RetryNote {
  what: string;
  status: number | null;
  reason: RetryReason;
  asked: boolean;
  attempt: number;
  waitMs: number;
}

/** Requests of one run, as collection.json records them. */
export interface RequestCounts {
  sent: number;
  retried: number;
  waitedMs: number;
}

/** A signed-in session with Graph: what every step and the preflight work through. */
export interface Connection {
  settings: CollectSettings;
  endpoints: CloudEndpoints;
  tokens: AccessTokenSource;
  /** Graph with retries; every attempt is counted. */
  graph: GraphTransport;
  /** Graph without retries, for requests that must not be sent twice blindly (counted too). */
  graphOnce: GraphTransport;
  emit: CollectProgress;
  timing: CollectTiming;
  /** Counts a retry and reports the wait (inner $batch retries use it too). */
  noteRetry(retry: RetryNote): void;
}

/** The case's collect settings, refused when collecting them could go wrong. */
export function collectSettingsOf(caseFile: CaseFile): CollectSettings {
  const settings = caseFile.collect;
  if (settings === null) throw new CollectError('the case has no collect: section');
  // An audit query without user filter would return the whole tenant's mail activity.
  if (caseFile.accounts.length === 0) throw new CollectError('the case names no accounts');
  return settings;
}

/**
 * Signs in (once, before anything is asked of Graph: a refused sign-in stops here with what to
 * fix) and sets up Graph with retries, each request counted in `counts`.
 */
export async function connect(
  caseFile: CaseFile,
  options: CollectOptions,
  counts: RequestCounts,
): Promise<Connection> {
  const settings = collectSettingsOf(caseFile);
  const endpoints = resolveEndpoints(settings);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const emit = options.onProgress ?? (() => undefined);
  // msal is loaded for a collection only: commands that read evidence never sign in.
  const { createTokenSource, signInFirst } = await import('./auth.js');
  const tokens = await createTokenSource(settings, endpoints, {
    env: options.env ?? process.env,
    now: timing.now,
    // The consultant must see the prompt even when no progress display is wired.
    onDeviceCode: (message) => {
      if (options.onProgress === undefined) process.stderr.write(`${message}\n`);
      else emit({ type: 'device-code', message });
    },
    ...(options.msalNetworkClient === undefined
      ? {}
      : { networkClient: options.msalNetworkClient }),
  });
  await signInFirst(tokens, settings, endpoints, options.msalNetworkClient);
  const transport = options.transport?.(tokens) ?? createGraphTransport(endpoints.graph, tokens);
  const graphOnce: GraphTransport = {
    send(request, signal) {
      counts.sent += 1;
      return transport.send(request, signal);
    },
  };
  const noteRetry: Connection['noteRetry'] = (retry) => {
    counts.retried += 1;
    counts.waitedMs += retry.waitMs;
    emit({ type: 'retrying', ...retry });
  };
  const graph = withRetries(graphOnce, {
    policy: timing.retry,
    sleep: timing.sleep,
    now: timing.now,
    onRetry: ({ request, ...retry }) => {
      noteRetry({ what: urlPath(request.url), ...retry });
    },
  });
  return { settings, endpoints, tokens, graph, graphOnce, emit, timing, noteRetry };
}
