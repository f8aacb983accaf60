import { resolve } from 'node:path';
import type { CaseFile, CollectionGap, CollectSettings } from '../model/index.js';
import { AUDIT_OPERATIONS } from './audit-plan.js';
import { resolveEndpoints, type CloudEndpoints } from './clouds.js';
import { CollectError } from './collect-error.js';
import {
  collectSettingsOf,
  connect,
  DEFAULT_TIMING,
  type CollectOptions,
  type Connection,
} from './connection.js';
import { MANIFEST_FORMAT, type CollectionManifest, type CollectionRun } from './manifest.js';
import { ManifestStore } from './manifest-store.js';
import { probeCollection } from './preflight.js';
import { toolInfo } from '../tool-info.js';

export {
  DEFAULT_TIMING,
  type CollectOptions,
  type CollectTiming,
  type PollPolicy,
  type RetryNote,
} from './connection.js';

/** Everything one collection step needs, set up and torn down by `runCollection`. */
export interface CollectContext extends Omit<Connection, 'tokens'> {
  caseFile: CaseFile;
  evidenceDir: string;
  store: ManifestStore;
  signal: AbortSignal | undefined;
  nowIso(): string;
  /** Records a part of the collection that is missing, says so in progress; the run goes on. */
  recordGap(gap: CollectionGap): void;
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
  const settings = collectSettingsOf(caseFile);
  const endpoints = resolveEndpoints(settings);
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const nowIso = () => new Date(timing.now()).toISOString();
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
    const connection = await connect(caseFile, options, run.requests);
    if (step === 'audit' && options.onPreflight !== undefined) {
      options.onPreflight(await probeCollection(connection, caseFile, options.signal));
    }
    const context: CollectContext = {
      ...connection,
      caseFile,
      evidenceDir,
      store,
      signal: options.signal,
      nowIso,
      recordGap(gap) {
        store.addGap(gap);
        connection.emit({ type: 'gap', gap });
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
    messageTrace: { queries: [] },
    files: [],
    problems: [],
    gaps: [],
    limitations: [],
  };
}
