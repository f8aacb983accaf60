import { compareText } from '../model/index.js';
import type { CollectContext } from './context.js';
import type { FolderListingLine } from './folder-listing.js';
import { notFoundLine, skipStage, type LookupJob, type PendingLookups } from './lookup-job.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import { lookUpMailbox, type FoundLookup, type MessageLookupLine } from './message-lookup.js';
import { traceNextSlice } from './message-trace.js';
import { RequestBudget } from './request-budget.js';
import { runWorkers } from './pool.js';
import type { StepFailure } from '../model/index.js';
import { collectionGap, describeFailure, Refusal, StepFailed } from './step-failure.js';

/** Mailboxes worked on at once (each with up to 4 requests in flight). */
export const MAILBOXES_AT_ONCE = 8;

export type LookupsWriter = (
  mailbox: string,
  lines: (MessageLookupLine | FolderListingLine)[],
) => Promise<void>;

/**
 * The lookups: each mailbox's own stages (8 mailboxes at once), then message trace for what
 * they did not find. Each message ends as one line once its stages are asked: found with its
 * source, or not found with what each stage said; where it stands meanwhile is saved.
 */
export async function lookUpMessages(
  context: CollectContext,
  limiter: MailboxLimiter,
  jobs: LookupJob[],
  pending: PendingLookups,
  write: LookupsWriter,
  alreadyDone: number,
): Promise<void> {
  const total = jobs.length;
  const ended = new Set<LookupJob>();
  let found = 0;
  const finish = async (results: readonly FoundLookup[]) => {
    for (const { job, line } of results) {
      await write(job.mailbox, [line]);
      pending.written(job, line.found);
      ended.add(job);
      if (line.found) found += 1;
    }
    await pending.save();
    if (results.length > 0) {
      context.emit({ type: 'lookups-progressed', done: ended.size, total, found });
    }
  };
  /** Jobs with no stage left and no line yet: not found anywhere they could be asked. */
  const finishUnfound = (candidates: readonly LookupJob[]) =>
    finish(
      candidates
        .filter((job) => job.stages.length === 0 && !ended.has(job))
        .map((job) => ({ job, line: notFoundLine(job) })),
    );
  context.emit({ type: 'step-started', step: 'lookups', total, alreadyDone });
  const byMailbox = groupJobs(jobs);
  const queue = [...byMailbox.keys()].sort(compareText);
  await runWorkers(Math.min(MAILBOXES_AT_ONCE, queue.length), context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (let mailbox = queue.shift(); mailbox !== undefined; mailbox = queue.shift()) {
      await lookUpMailbox(scoped, limiter, mailbox, byMailbox.get(mailbox) ?? [], async (batch) => {
        for (const job of batch.moved) pending.track(job);
        await finish(batch.found);
        await finishUnfound(batch.moved);
      });
    }
  });
  await finishUnfound(jobs);
  await traceMessages(
    context,
    jobs.filter((job) => job.stages[0] === 'messageTrace'),
    pending,
    finish,
  );
  context.emit({ type: 'step-finished', step: 'lookups' });
}

/** Message trace requests in flight at once (the budget paces them). */
const TRACES_AT_ONCE = 4;

/**
 * Message trace for the messages no mailbox stage found, within the tenant's budget (100
 * requests per 5 minutes unless the case says less). The cheapest requests go first: each
 * message's likeliest slice (ending at its first read) before any message's next one. Access
 * refused (or a fault that does not pass) ends message trace for this run: the rest are written
 * with that reason, a gap is recorded, and the next run traces them from the slice they reached.
 */
async function traceMessages(
  context: CollectContext,
  jobs: readonly LookupJob[],
  pending: PendingLookups,
  finish: (results: readonly FoundLookup[]) => Promise<void>,
): Promise<void> {
  const { requests, minutes } = context.settings.messageTraceBudget;
  const budget = new RequestBudget(context, 'message trace', requests, minutes * 60_000);
  const queue = [...jobs].sort(
    (a, b) => compareText(a.mailbox, b.mailbox) || compareText(a.id, b.id),
  );
  const refusal = new Refusal();
  const skip = async (job: LookupJob, failure: StepFailure) => {
    skipStage(job, `message trace could not be searched (${describeFailure(failure)})`);
    pending.track(job);
    await finish([{ job, line: notFoundLine(job) }]);
  };
  await runWorkers(Math.min(TRACES_AT_ONCE, queue.length), context.signal, async (signal) => {
    const scoped = { ...context, signal };
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      const refused = refusal.reason();
      if (refused !== null) {
        await skip(job, refused);
        continue;
      }
      let outcome;
      try {
        outcome = await traceNextSlice(scoped, job, budget);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        if (refusal.refuse(error.failure)) {
          context.recordGap(collectionGap('messageTrace', { kind: 'step' }, error.failure));
        }
        await skip(job, refusal.reason() ?? error.failure);
        continue;
      }
      if (outcome === 'more') {
        // Its next slice waits until every other message has had its turn.
        queue.push(job);
        pending.track(job);
        await pending.save();
        continue;
      }
      await finish([{ job, line: outcome === 'done' ? notFoundLine(job) : outcome }]);
    }
  });
}

function groupJobs(jobs: readonly LookupJob[]): Map<string, LookupJob[]> {
  const groups = new Map<string, LookupJob[]>();
  for (const job of jobs) {
    const group = groups.get(job.mailbox) ?? [];
    group.push(job);
    groups.set(job.mailbox, group);
  }
  for (const group of groups.values()) group.sort((a, b) => compareText(a.id, b.id));
  return groups;
}
