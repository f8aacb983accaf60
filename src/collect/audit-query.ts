import { compareEntries, newEntry, planAudit } from './audit-plan.js';
import { splitChunk, type Chunk } from './chunks.js';
import { cloudSupports } from './clouds.js';
import { CollectError } from './collect-error.js';
import type { CollectContext } from './context.js';
import {
  graphUrl,
  jsonBody,
  urlPath,
  type GraphRequest,
  type GraphResponse,
} from './graph-client.js';
import { KnownQueries, type QueryState } from './known-queries.js';
import type { AuditChunkEntry } from './manifest.js';
import { savePages } from './paging.js';
import { runWorkers } from './pool.js';
import { RETRYABLE_STATUSES, RetryBudget } from './retry.js';
import { collectionGap, failedResponse, StepFailed, stepFailure } from './step-failure.js';

/** Audit queries run side by side (the service queues them; a few at once is polite). */
const CONCURRENT_QUERIES = 3;
/** Queries created for one chunk in one run before giving up on a query that keeps failing. */
const MAX_QUERY_ATTEMPTS = 3;

/**
 * Collects the window's audit records, one Graph audit log query per chunk: for the case
 * accounts, and for the own account of each delegate mailbox an earlier run planned. Chunks
 * already saved are checked and skipped; a chunk whose query hit its record limit is split in
 * two and both halves are queried, so no chunk is silently truncated. A chunk Graph keeps
 * failing is recorded as a gap and the others go on; access refused to the whole API ends the
 * step.
 */
export function collectAuditRecords(context: CollectContext): Promise<'complete' | 'incomplete'> {
  planAudit(context, []);
  return queryChunks(context, () => true);
}

/**
 * Collects, as `collectAuditRecords` does, the audit records of the own accounts of the given
 * delegate mailboxes over the window (their owners' throttling and syncs, which the case
 * accounts' queries cannot return), and nothing else.
 */
export function collectDelegateRecords(
  context: CollectContext,
  mailboxes: readonly string[],
): Promise<'complete' | 'incomplete'> {
  planAudit(context, mailboxes);
  const asked = new Set(mailboxes);
  return queryChunks(context, (delegate) => delegate !== null && asked.has(delegate));
}

/** Queries the planned chunks whose account (`null`: the case accounts') `picks` selects. */
async function queryChunks(
  context: CollectContext,
  picks: (delegate: string | null) => boolean,
): Promise<'complete' | 'incomplete'> {
  const { store, settings } = context;
  if (!cloudSupports(settings.cloud, 'auditLogQuery')) {
    store.addProblem({
      code: 'feature-unavailable',
      message:
        `The Graph audit log query API is not available in the ${settings.cloud} cloud: ` +
        'export the audit records (Search-UnifiedAuditLog) and list them under evidence.audit.',
    });
    return 'incomplete';
  }
  const chunks = store.manifest.audit.chunks.filter((entry) => picks(entry.delegate));
  store.clearGaps('audit', ({ part }) =>
    part.kind === 'delegate' ? picks(part.mailbox) : picks(null),
  );
  for (const entry of chunks) {
    await store.verify(entry.file, `chunk ${entry.key}`);
    if (entry.status === 'failed') {
      entry.status = 'pending';
      entry.failure = null;
    }
  }
  await store.save();
  const queue = chunks.filter((entry) => entry.status === 'pending');
  context.emit({
    type: 'step-started',
    step: 'audit',
    total: chunks.filter((entry) => entry.status !== 'split').length,
    alreadyDone: chunks.filter((entry) => entry.status !== 'split' && entry.status !== 'pending')
      .length,
  });
  const known = new KnownQueries(
    graphUrl(context.endpoints.graph, settings.apiVersion, '/security/auditLog/queries'),
  );
  let refused = false;
  await runWorkers(Math.min(CONCURRENT_QUERIES, queue.length), context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      try {
        for (const next of await collectChunk(scoped, known, entry)) queue.push(next);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        if (error.refusesStep && entry.delegate === null) {
          // Every other chunk would be refused alike: the step ends, its chunks stay pending.
          queue.length = 0;
          if (!refused) {
            refused = true;
            context.recordGap(collectionGap('audit', { kind: 'step' }, error.failure));
          }
          continue;
        }
        entry.status = 'failed';
        entry.failure = error.failure;
        const { start, end, delegate } = entry;
        const part =
          delegate === null
            ? ({ kind: 'period', start, end } as const)
            : ({ kind: 'delegate', mailbox: delegate, start, end } as const);
        context.recordGap(collectionGap('audit', part, error.failure));
      }
      await store.save();
    }
  });
  context.emit({ type: 'step-finished', step: 'audit' });
  const whole = store.manifest.audit.chunks
    .filter((entry) => picks(entry.delegate))
    .every((entry) => entry.status === 'complete' || entry.status === 'split');
  return whole ? 'complete' : 'incomplete';
}

/** Runs one chunk's query to the end; returns the halves when it had to be split. */
async function collectChunk(
  context: CollectContext,
  known: KnownQueries,
  entry: AuditChunkEntry,
): Promise<AuditChunkEntry[]> {
  const { store } = context;
  context.emit({ type: 'chunk-started', chunk: asChunk(entry) });
  const query = await finishedQuery(context, known, entry);
  entry.approximateReturnedRecordCount = numberOrNull(query.approximateReturnedRecordCount);
  entry.isRecordCountLimitExceeded =
    typeof query.isRecordCountLimitExceeded === 'boolean' ? query.isRecordCountLimitExceeded : null;
  entry.recordCountLimit = numberOrNull(query.recordCountLimit);
  if (limitExceeded(entry)) {
    const halves = splitChunk(entry);
    if (halves !== null) {
      const children = halves.map((half) => newEntry(context, half, entry.key, entry.delegate));
      entry.status = 'split';
      for (const child of children) store.manifest.audit.chunks.push(child);
      store.manifest.audit.chunks.sort(compareEntries);
      await store.save();
      context.emit({ type: 'chunk-split', chunk: asChunk(entry), into: halves });
      return children;
    }
    store.addProblem({
      code: 'record-limit-exceeded',
      message:
        `The audit query for ${entry.start}..${entry.end} exceeded its record limit and is too ` +
        'short to split: its records are incomplete.',
    });
  }
  const path = `audit/${entry.key}.ndjson`;
  const recordsUrl = `${entry.request.url}/${encodeURIComponent(entry.queryId ?? '')}/records`;
  const digest = await savePages(context, entry, recordsUrl, path, 'audit');
  if (digest !== null)
    store.upsertFile({ path, kind: 'audit', format: 'graph-audit-records', ...digest });
  entry.file = digest === null ? null : path;
  entry.records = digest?.records ?? 0;
  entry.status = limitExceeded(entry) ? 'truncated' : 'complete';
  entry.completedAt = context.nowIso();
  await store.save();
  context.emit({
    type: 'chunk-finished',
    chunk: asChunk(entry),
    records: entry.records,
    truncated: entry.status === 'truncated',
  });
  return [];
}

/** Graph's flag is authoritative; without it, a count at the limit is taken as exceeded. */
function limitExceeded(entry: AuditChunkEntry): boolean {
  if (entry.isRecordCountLimitExceeded !== null) return entry.isRecordCountLimitExceeded;
  return (
    entry.recordCountLimit !== null &&
    entry.approximateReturnedRecordCount !== null &&
    entry.approximateReturnedRecordCount >= entry.recordCountLimit
  );
}

/**
 * The chunk's query once it has succeeded: resumes the one saved in the manifest when Graph
 * still has it, else finds or creates one; a failed or cancelled query is replaced a few times.
 */
async function finishedQuery(
  context: CollectContext,
  known: KnownQueries,
  entry: AuditChunkEntry,
): Promise<QueryState> {
  // Counted per run (the manifest keeps the total), so that a run after an outage tries again.
  let createdThisRun = 0;
  for (;;) {
    if (entry.queryId === null) {
      if (createdThisRun >= MAX_QUERY_ATTEMPTS) {
        throw stepFailure(
          'query-failed',
          // The gap names the period and the mailbox: alike failures of several read as one.
          `its audit log query ended ${entry.queryStatus ?? 'badly'} ${createdThisRun} times`,
        );
      }
      const created = await createQuery(context, known, entry);
      entry.queryId = String(created.id);
      entry.queryStatus = typeof created.status === 'string' ? created.status : null;
      // Pages of an earlier query of this chunk belong to it alone.
      entry.pages = [];
      entry.progress = null;
      entry.attempts += 1;
      createdThisRun += 1;
      await context.store.save();
    }
    const state = await pollQuery(context, entry, entry.queryId);
    if (state !== null && state.status === 'succeeded') return state;
    entry.queryStatus = state === null ? 'notFound' : String(state.status);
    known.discard(entry.queryId);
    entry.queryId = null;
  }
}

/**
 * A query for the chunk: one Graph already has under the chunk's display name, or a new one.
 * The POST is never repeated blindly: after an answer that did not come (or a 5xx), the list
 * is read again first, in case the query was created all the same.
 */
async function createQuery(
  context: CollectContext,
  known: KnownQueries,
  entry: AuditChunkEntry,
): Promise<QueryState> {
  const request: GraphRequest = { ...entry.request };
  const budget = new RetryBudget(context.timing.retry, context.timing.now);
  for (;;) {
    const existing = await known.find(context, entry.request.body);
    if (existing !== null) return existing;
    let response: GraphResponse | null = null;
    let failure: unknown = null;
    try {
      response = await context.graphOnce.send(request, context.signal);
    } catch (error) {
      if (context.signal?.aborted || error instanceof CollectError) throw error;
      failure = error;
    }
    if (response !== null && (response.status === 201 || response.status === 200)) {
      const created = jsonBody(response, request) as QueryState;
      if (typeof created.id !== 'string' || created.id === '') {
        throw stepFailure(
          'refused',
          `${request.url} created a query without an id`,
          response.status,
        );
      }
      return created;
    }
    if (response !== null && !RETRYABLE_STATUSES.has(response.status)) {
      throw failedResponse(request, response);
    }
    if (response === null || response.status >= 500) known.forget();
    const wait = budget.next(request, response, failure);
    context.noteRetry({ what: urlPath(request.url), ...wait });
    await context.timing.sleep(wait.waitMs, context.signal);
  }
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls with growing pauses until the query ends; null when Graph no longer knows it. */
async function pollQuery(
  context: CollectContext,
  entry: AuditChunkEntry,
  queryId: string,
): Promise<QueryState | null> {
  const { poll, sleep, now } = context.timing;
  const request: GraphRequest = {
    method: 'GET',
    url: `${entry.request.url}/${encodeURIComponent(queryId)}`,
  };
  const deadline = now() + poll.timeoutMs;
  for (let pause = poll.initialMs; ; pause = Math.min(pause * 2, poll.maxMs)) {
    const response = await context.graph.send(request, context.signal);
    if (response.status === 404) return null;
    if (response.status !== 200) throw failedResponse(request, response);
    const state = jsonBody(response, request) as QueryState;
    const status = typeof state.status === 'string' ? state.status : 'unknown';
    if (entry.queryStatus !== status) {
      entry.queryStatus = status;
      context.emit({ type: 'query-polled', chunk: asChunk(entry), status });
    }
    if (TERMINAL.has(status)) return state;
    if (now() > deadline) {
      throw stepFailure(
        'service-fault',
        `the audit log query for ${entry.start}..${entry.end} was still ${status} after ` +
          `${Math.round(poll.timeoutMs / 60_000)} minutes (the next run keeps waiting for it)`,
      );
    }
    await sleep(pause, context.signal);
  }
}

function asChunk(entry: AuditChunkEntry): Chunk {
  return { start: entry.start, end: entry.end };
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}
