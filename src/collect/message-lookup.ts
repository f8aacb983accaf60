import type { MetadataSource } from '../model/index.js';
import type { CollectContext } from './context.js';
import { graphUrl, jsonBody, type GraphRequest, type GraphResponse } from './graph-client.js';
import { passStage, skipStage, type LookupJob } from './lookup-job.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import type { LookupStage } from './manifest.js';
import { earliestMessage, MESSAGE_SELECT, metadataOf } from './message-metadata.js';
import { odataString, queryOption, userSegment, withQuery } from './odata.js';
import { runWorkers } from './pool.js';
import { RETRYABLE_STATUSES, RetryBudget } from './retry.js';
import type { StepFailure } from '../model/index.js';
import {
  collectionGap,
  describeFailure,
  failedResponse,
  failureOf,
  graphError,
  Refusal,
  StepFailed,
} from './step-failure.js';

/** Graph's JSON batch limit. */
export const BATCH_SIZE = 20;
/** Requests of one batch Outlook runs at the same time against the mailbox. */
export const BATCH_PARALLELISM = 4;

/** One NDJSON line of `lookups/`: the MessageLookup model without `source`. */
export interface MessageLookupLine {
  type: 'messageLookup';
  mailbox: string;
  internetMessageId: string;
  found: boolean;
  metadataSource: Extract<
    MetadataSource,
    'graph-mailbox' | 'graph-recoverable' | 'graph-message-trace'
  > | null;
  subject: string | null;
  sender: string | null;
  recipients: string[];
  date: string | null;
  reason: string | null;
}

/** What the orchestration learns after each batch: messages found, and jobs that moved on. */
export interface BatchOutcome {
  found: FoundLookup[];
  /** Jobs not found in the stage, or that could not search it: on to their next stage. */
  moved: LookupJob[];
}

export interface FoundLookup {
  job: LookupJob;
  line: MessageLookupLine;
}

/**
 * Looks up one mailbox's messages by internetMessageId: in the mailbox, then what was not
 * found there in its recoverable items (20 per $batch, never more than the mailbox's
 * concurrency in flight, throttled items re-queued after their Retry-After). One stage after
 * the other, so that each stage fills its batches: N lookups cost ceil(N/20) batches per stage
 * plus one per retry. When Graph refuses the mailbox (or keeps failing on it), its remaining
 * lookups skip both stages, a gap is recorded, and message trace may still find them. Jobs
 * leave with their next stage (message trace) or none left.
 */
export async function lookUpMailbox(
  context: CollectContext,
  limiter: MailboxLimiter,
  mailbox: string,
  jobs: readonly LookupJob[],
  onBatch: (outcome: BatchOutcome) => Promise<void>,
): Promise<void> {
  const access = new Refusal();
  for (const stage of ['mailbox', 'recoverable'] as const) {
    const due = jobs.filter((job) => job.stages[0] === stage);
    if (access.reason() !== null) {
      for (const job of due) skipStage(job, unsearchable(stage, access.reason()));
      if (due.length > 0) await onBatch({ found: [], moved: due });
      continue;
    }
    await lookUpStage(context, limiter, mailbox, due, access, onBatch);
  }
}

/** One stage's lookups, batched. */
async function lookUpStage(
  context: CollectContext,
  limiter: MailboxLimiter,
  mailbox: string,
  jobs: LookupJob[],
  access: Refusal,
  onBatch: (outcome: BatchOutcome) => Promise<void>,
): Promise<void> {
  const queue = [...jobs];
  await runWorkers(limiter.perMailbox, context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (;;) {
      if (queue.length === 0) return;
      if (access.reason() !== null) {
        const left = queue.splice(0);
        for (const job of left)
          skipStage(job, unsearchable(job.stages[0] ?? 'mailbox', access.reason()));
        await onBatch({ found: [], moved: left });
        return;
      }
      const now = context.timing.now();
      const ready = takeReady(queue, now);
      if (ready.length === 0) {
        let wake = Number.POSITIVE_INFINITY;
        for (const job of queue) wake = Math.min(wake, job.notBefore);
        await context.timing.sleep(Math.max(1, wake - now), signal);
        continue;
      }
      let settled: Settled;
      try {
        settled = await limiter.run(
          mailbox,
          () => sendBatch(scoped, ready),
          Math.min(ready.length, BATCH_PARALLELISM),
        );
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        settled = { found: [], requeue: [], passed: [], refused: ready, failure: error.failure };
      }
      if (settled.failure !== null && access.refuse(settled.failure)) {
        context.recordGap(collectionGap('lookups', { kind: 'mailbox', mailbox }, settled.failure));
      }
      for (const job of settled.refused) {
        skipStage(job, unsearchable(job.stages[0] ?? 'mailbox', access.reason()));
      }
      for (const job of settled.requeue) queue.push(job);
      await onBatch({ found: settled.found, moved: [...settled.passed, ...settled.refused] });
    }
  });
}

function unsearchable(stage: LookupStage, failure: StepFailure | null): string {
  const place = stage === 'mailbox' ? 'the mailbox' : 'its recoverable items';
  return `${place} could not be searched (${failure === null ? 'refused' : describeFailure(failure)})`;
}

function takeReady(queue: LookupJob[], now: number): LookupJob[] {
  const ready: LookupJob[] = [];
  for (let index = 0; index < queue.length && ready.length < BATCH_SIZE;) {
    const job = queue[index];
    if (job !== undefined && job.notBefore <= now) {
      ready.push(job);
      queue.splice(index, 1);
    } else {
      index++;
    }
  }
  return ready;
}

interface Settled {
  found: FoundLookup[];
  requeue: LookupJob[];
  /** Not found in this stage, or not searchable for good (404 and the like). */
  passed: LookupJob[];
  /** Refused: Graph will not let the app read this mailbox. */
  refused: LookupJob[];
  failure: StepFailure | null;
}

async function sendBatch(context: CollectContext, jobs: LookupJob[]): Promise<Settled> {
  const inner = jobs.map((job, index) => ({
    id: String(index + 1),
    method: 'GET' as const,
    url: lookupUrl(job),
  }));
  const request: GraphRequest = {
    method: 'POST',
    url: graphUrl(context.endpoints.graph, 'v1.0', '/$batch'),
    body: { requests: inner },
  };
  const response = await context.graph.send(request, context.signal);
  if (response.status !== 200) throw failedResponse(request, response);
  const answers = new Map<string, InnerResponse>();
  const body = jsonBody(response, request) as { responses?: unknown };
  for (const answer of Array.isArray(body.responses) ? body.responses : []) {
    const item = answer as InnerResponse;
    answers.set(String(item.id), item);
  }
  const settled: Settled = { found: [], requeue: [], passed: [], refused: [], failure: null };
  jobs.forEach((job, index) => {
    const itemRequest: GraphRequest = { method: 'GET', url: inner[index]?.url ?? '' };
    settle(context, job, itemRequest, answers.get(String(index + 1)), settled);
  });
  return settled;
}

interface InnerResponse {
  id?: unknown;
  status?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

function settle(
  context: CollectContext,
  job: LookupJob,
  request: GraphRequest,
  answer: InnerResponse | undefined,
  settled: Settled,
): void {
  const status = typeof answer?.status === 'number' ? answer.status : null;
  if (status === null || RETRYABLE_STATUSES.has(status)) {
    requeue(context, job, request, status, answer, settled);
    return;
  }
  if (status === 401 || status === 403) {
    settled.failure ??= failureOf(request, answer?.body, status);
    settled.refused.push(job);
    return;
  }
  const values = (answer?.body as { value?: unknown } | undefined)?.value;
  const stage = job.stages[0];
  if (status === 200 && Array.isArray(values) && values.length > 0) {
    job.stages = [];
    settled.found.push({
      job,
      line: {
        type: 'messageLookup',
        mailbox: job.mailbox,
        internetMessageId: job.id,
        found: true,
        metadataSource: stage === 'mailbox' ? 'graph-mailbox' : 'graph-recoverable',
        ...metadataOf(earliestMessage(values)),
        reason: null,
      },
    });
    return;
  }
  const place = stage === 'mailbox' ? 'the mailbox' : 'its recoverable items';
  passStage(
    job,
    status === 200
      ? `not found in ${place}`
      : `${place} could not be searched (${status}${describe(answer?.body)})`,
  );
  settled.passed.push(job);
}

const budgets = new WeakMap<LookupJob, RetryBudget>();

/**
 * A throttled (or missing) inner response: back in the queue after its Retry-After, or after
 * a growing wait when it gives none. A batch item throttled past its retries fails the mailbox
 * like a refusal would, but as a fault the next run tries again.
 */
function requeue(
  context: CollectContext,
  job: LookupJob,
  request: GraphRequest,
  status: number | null,
  answer: InnerResponse | undefined,
  settled: Settled,
): void {
  const { retry, now } = context.timing;
  let budget = budgets.get(job);
  if (budget === undefined || job.attempts === 0) {
    budget = new RetryBudget(retry, now);
    budgets.set(job, budget);
  }
  const response: GraphResponse | null =
    status === null
      ? null
      : { status, headers: answer?.headers ?? {}, text: JSON.stringify(answer?.body ?? null) };
  try {
    const wait = budget.next(request, response, new Error('no answer for this batch item'));
    job.attempts += 1;
    job.notBefore = now() + wait.waitMs;
    context.noteRetry({ ...wait, what: '$batch item' });
    settled.requeue.push(job);
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    settled.failure ??= error.failure;
    settled.refused.push(job);
  }
}

/** The batch item's URL, relative to the version as $batch wants it. */
function lookupUrl(job: LookupJob): string {
  const folder = job.stages[0] === 'mailbox' ? '' : '/mailFolders/recoverableitemsdeletions';
  return withQuery(`${userSegment(job.mailbox)}${folder}/messages`, [
    queryOption('$filter', `internetMessageId eq ${odataString(`<${job.id}>`)}`),
    queryOption('$select', MESSAGE_SELECT),
  ]);
}

function describe(body: unknown): string {
  const { code, message } = graphError(body);
  const text = [code, message].filter((part) => part !== null).join(': ');
  return text === '' ? '' : `: ${text}`;
}
