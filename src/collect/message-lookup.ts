import type { MetadataSource } from '../model/index.js';
import { compareText } from '../model/index.js';
import { CollectError } from './collect-error.js';
import type { CollectContext } from './context.js';
import { graphErrorText, graphUrl, jsonBody, type GraphRequest } from './graph-client.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import { earliestMessage, MESSAGE_SELECT, metadataOf } from './message-metadata.js';
import { traceLookup } from './message-trace.js';
import { odataString, queryOption, userSegment, withQuery } from './odata.js';
import { unexpectedResponse } from './paging.js';
import { runWorkers } from './pool.js';
import { RETRYABLE_STATUSES, retryDelayMs } from './retry.js';

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

type Stage = 'mailbox' | 'recoverable';

interface Job {
  mailbox: string;
  /** Normalised: no angle brackets. */
  id: string;
  stage: Stage;
  /** What each source said, for the reason when nothing is found. */
  notes: string[];
  attempts: number;
  notBefore: number;
}

/** Where finished lookups go (appended to the mailbox's evidence file as they finish). */
export type LookupSink = (mailbox: string, lines: MessageLookupLine[]) => Promise<void>;

/**
 * Looks up one mailbox's messages by internetMessageId: in the mailbox, then what was not
 * found there in its recoverable items (20 per $batch, never more than the mailbox's
 * concurrency in flight, throttled items re-queued after their Retry-After), then in message
 * trace. One stage after the other, so that each stage fills its batches: N lookups cost
 * ceil(N/20) batches per stage plus one per retry. Every message ends as one line: found with
 * its source, or not found with the reason.
 */
export async function lookUpMailbox(
  context: CollectContext,
  limiter: MailboxLimiter,
  mailbox: string,
  ids: readonly string[],
  sink: LookupSink,
): Promise<void> {
  const jobs: Job[] = ids.map((id) => ({
    mailbox,
    id,
    stage: 'mailbox',
    notes: [],
    attempts: 0,
    notBefore: 0,
  }));
  const notInMailbox = await lookUpStage(context, limiter, mailbox, jobs, sink);
  for (const job of notInMailbox) job.stage = 'recoverable';
  const notRecoverable = await lookUpStage(context, limiter, mailbox, notInMailbox, sink);
  for (const job of notRecoverable.sort((a, b) => compareText(a.id, b.id))) {
    await sink(mailbox, [await traceLookup(context, job.mailbox, job.id, job.notes)]);
  }
}

/** One stage's lookups, batched; resolves with the jobs it did not find. */
async function lookUpStage(
  context: CollectContext,
  limiter: MailboxLimiter,
  mailbox: string,
  jobs: Job[],
  sink: LookupSink,
): Promise<Job[]> {
  const queue = [...jobs];
  const notFound: Job[] = [];
  await runWorkers(limiter.perMailbox, context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (;;) {
      if (queue.length === 0) return;
      const now = context.timing.now();
      const ready = takeReady(queue, now);
      if (ready.length === 0) {
        const wake = queue.reduce((soonest, job) => Math.min(soonest, job.notBefore), Infinity);
        await context.timing.sleep(Math.max(1, wake - now), signal);
        continue;
      }
      const settled = await limiter.run(
        mailbox,
        () => sendBatch(scoped, ready),
        Math.min(ready.length, BATCH_PARALLELISM),
      );
      for (const job of settled.requeue) queue.push(job);
      for (const job of settled.notFound) notFound.push(job);
      await sink(mailbox, settled.found);
    }
  });
  return notFound;
}

function takeReady(queue: Job[], now: number): Job[] {
  const ready: Job[] = [];
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
  found: MessageLookupLine[];
  requeue: Job[];
  notFound: Job[];
}

async function sendBatch(context: CollectContext, jobs: Job[]): Promise<Settled> {
  const request: GraphRequest = {
    method: 'POST',
    url: graphUrl(context.endpoints.graph, 'v1.0', '/$batch'),
    body: {
      requests: jobs.map((job, index) => ({
        id: String(index + 1),
        method: 'GET',
        url: lookupUrl(job),
      })),
    },
  };
  const response = await context.graph.send(request, context.signal);
  if (response.status !== 200) throw unexpectedResponse(request, response);
  const answers = new Map<string, InnerResponse>();
  const body = jsonBody(response, request) as { responses?: unknown };
  for (const answer of Array.isArray(body.responses) ? body.responses : []) {
    const inner = answer as InnerResponse;
    answers.set(String(inner.id), inner);
  }
  const settled: Settled = { found: [], requeue: [], notFound: [] };
  jobs.forEach((job, index) => {
    settle(context, job, answers.get(String(index + 1)), settled);
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
  job: Job,
  answer: InnerResponse | undefined,
  settled: Settled,
): void {
  const status = typeof answer?.status === 'number' ? answer.status : null;
  if (status === null || RETRYABLE_STATUSES.has(status)) {
    requeue(context, job, status, answer?.headers, settled);
    return;
  }
  if (status === 401 || status === 403) {
    throw new CollectError(
      `GET ${userSegment(job.mailbox)}/messages returned ${status}` +
        `${describe(answer?.body)} (this call needs the Mail.ReadBasic.All permission, ` +
        'consented for the app)',
    );
  }
  const values = (answer?.body as { value?: unknown } | undefined)?.value;
  if (status === 200 && Array.isArray(values) && values.length > 0) {
    settled.found.push({
      type: 'messageLookup',
      mailbox: job.mailbox,
      internetMessageId: job.id,
      found: true,
      metadataSource: job.stage === 'mailbox' ? 'graph-mailbox' : 'graph-recoverable',
      ...metadataOf(earliestMessage(values)),
      reason: null,
    });
    return;
  }
  const place = job.stage === 'mailbox' ? 'the mailbox' : 'its recoverable items';
  job.notes.push(
    status === 200
      ? `not found in ${place}`
      : `${place} could not be searched (${status}${describe(answer?.body)})`,
  );
  job.attempts = 0;
  job.notBefore = 0;
  settled.notFound.push(job);
}

/** A throttled (or missing) inner response: back in the queue after its Retry-After. */
function requeue(
  context: CollectContext,
  job: Job,
  status: number | null,
  headers: Record<string, string> | undefined,
  settled: Settled,
): void {
  const { retry, now } = context.timing;
  job.attempts += 1;
  if (job.attempts >= retry.maxAttempts) {
    throw new CollectError(
      `the lookup of ${job.id} in ${job.mailbox} was throttled ${job.attempts} times; giving up ` +
        'for now (run the collection again to resume)',
    );
  }
  const waitMs = retryDelayMs(headers, job.attempts, retry, now());
  job.notBefore = now() + waitMs;
  context.noteRetry({ what: '$batch item', status, attempt: job.attempts, waitMs });
  settled.requeue.push(job);
}

/** The batch item's URL, relative to the version as $batch wants it. */
function lookupUrl(job: Job): string {
  const folder = job.stage === 'mailbox' ? '' : '/mailFolders/recoverableitemsdeletions';
  return withQuery(`${userSegment(job.mailbox)}${folder}/messages`, [
    queryOption('$filter', `internetMessageId eq ${odataString(`<${job.id}>`)}`),
    queryOption('$select', MESSAGE_SELECT),
  ]);
}

function describe(body: unknown): string {
  const text = graphErrorText(body);
  return text === '' ? '' : `: ${text}`;
}
