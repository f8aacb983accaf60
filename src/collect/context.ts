import { resolve } from 'node:path';
import type { CaseFile, CollectionGap, CollectSettings } from '../model/index.js';
import { AUDIT_OPERATIONS } from './audit-query.js';
import { createTokenSource, signInFirst } from './auth.js';
import { resolveEndpoints, type CloudEndpoints } from './clouds.js';
import { CollectError } from './collect-error.js';
import type { INetworkModule } from '@azure/msal-node';
import {
  createGraphTransport,
  type AccessTokenSource,
  type GraphTransport,
} from './graph-client.js';
import { MANIFEST_FORMAT, type CollectionManifest, type CollectionRun } from './manifest.js';
import { ManifestStore } from './manifest-store.js';
import { toolInfo } from '../tool-info.js';
import type { CollectProgress, RetryReason } from './progress.js';
import { DEFAULT_RETRY_POLICY, sleep, withRetries, type RetryPolicy, type Sleep } from './retry.js';
import { urlPath } from './graph-client.js';

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
}

/** Everything one collection step needs, set up and torn down by `runCollection`. */
export interface CollectContext {
  caseFile: CaseFile;
  settings: CollectSettings;
  endpoints: CloudEndpoints;
  evidenceDir: string;
  /** Graph with retries; every attempt is counted in the run. */
  graph: GraphTransport;
  /** Graph without retries, for requests that must not be sent twice blindly (counted too). */
  graphOnce: GraphTransport;
  store: ManifestStore;
  emit: CollectProgress;
  signal: AbortSignal | undefined;
  timing: CollectTiming;
  nowIso(): string;
  /** Counts a retry in the run and reports the wait (inner $batch retries use it too). */
  noteRetry(retry: RetryNote): void;
  /** Records a part of the collection that is missing, says so in progress; the run goes on. */
  recordGap(gap: CollectionGap): void;
}

export interface RetryNote {
  what: string;
  status: number | null;
  reason: RetryReason;
  asked: boolean;
  attempt: number;
  waitMs: number;
}

/** Where a case's collected evidence goes: `evidenceDir`, relative to the output folder. */
export function evidenceDirOf(caseFile: CaseFile): string {
  if (caseFile.collect === null) throw new CollectError('the case has no collect: section');
  return resolve(caseFile.output, caseFile.collect.evidenceDir);
}

/**
 * Opens the evidence folder, signs in, runs one step and records the run in the manifest,
 * whatever happens: an interrupted or failed run is saved as such and can be resumed.
 */
export async function runCollection(
  caseFile: CaseFile,
  step: CollectionRun['step'],
  options: CollectOptions,
  body: (context: CollectContext) => Promise<'complete' | 'incomplete'>,
): Promise<CollectionManifest> {
  const settings = caseFile.collect;
  if (settings === null) throw new CollectError('the case has no collect: section');
  // An audit query without user filter would return the whole tenant's mail activity.
  if (caseFile.accounts.length === 0) throw new CollectError('the case names no accounts');
  const endpoints = resolveEndpoints(settings);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const nowIso = () => new Date(timing.now()).toISOString();
  const emit = options.onProgress ?? (() => undefined);
  const evidenceDir = evidenceDirOf(caseFile);
  const store = await ManifestStore.open(evidenceDir, freshManifest(caseFile, settings, endpoints));
  const run: CollectionRun = {
    step,
    caseFileSha256: caseFile.sha256,
    startedAt: nowIso(),
    finishedAt: null,
    outcome: 'running',
    message: null,
    requests: { sent: 0, retried: 0, waitedMs: 0 },
  };
  store.manifest.runs.push(run);
  try {
    await store.save();
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
    const counted: GraphTransport = {
      send(request, signal) {
        run.requests.sent += 1;
        return transport.send(request, signal);
      },
    };
    const noteRetry: CollectContext['noteRetry'] = (retry) => {
      run.requests.retried += 1;
      run.requests.waitedMs += retry.waitMs;
      emit({ type: 'retrying', ...retry });
    };
    const graph = withRetries(counted, {
      policy: timing.retry,
      sleep: timing.sleep,
      now: timing.now,
      onRetry: ({ request, ...retry }) => {
        noteRetry({ what: urlPath(request.url), ...retry });
      },
    });
    const context: CollectContext = {
      caseFile,
      settings,
      endpoints,
      evidenceDir,
      graph,
      graphOnce: counted,
      store,
      emit,
      signal: options.signal,
      timing,
      nowIso,
      noteRetry,
      recordGap(gap) {
        store.addGap(gap);
        emit({ type: 'gap', gap });
      },
    };
    run.outcome = await body(context);
  } catch (error) {
    run.outcome = options.signal?.aborted === true ? 'interrupted' : 'failed';
    run.message = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    run.finishedAt = nowIso();
    await store.save().catch(() => undefined);
    await store.close();
  }
  return structuredClone(store.manifest);
}

function freshManifest(
  caseFile: CaseFile,
  settings: CollectSettings,
  endpoints: CloudEndpoints,
): CollectionManifest {
  return {
    format: MANIFEST_FORMAT,
    tool: toolInfo,
    case: {
      id: caseFile.case.id,
      accounts: [...caseFile.accounts].sort(),
      window: { ...caseFile.window },
    },
    tenant: {
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      cloud: settings.cloud,
      login: endpoints.login,
      graph: endpoints.graph,
      authMethod: settings.auth.method,
    },
    apiVersion: settings.apiVersion,
    chunkHours: settings.chunkHours,
    operations: [...AUDIT_OPERATIONS],
    runs: [],
    audit: { chunks: [] },
    signIns: { queries: [] },
    messages: { lookups: { lookedUp: 0, found: {}, notFound: 0 }, folders: [], pending: [] },
    files: [],
    problems: [],
    gaps: [],
    limitations: [],
  };
}
