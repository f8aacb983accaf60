import { cloudSupports } from './clouds.js';
import type { CollectContext } from './context.js';
import { graphUrl, jsonBody, type GraphRequest } from './graph-client.js';
import { notFoundLine, passStage, type LookupJob } from './lookup-job.js';
import { isoOrNull } from './message-metadata.js';
import type { MessageLookupLine } from './message-lookup.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { nextLink } from './paging.js';
import type { RequestBudget } from './request-budget.js';
import { describeFailure, failedResponse } from './step-failure.js';

const DAY_MS = 86_400_000;
/** Graph message trace reaches back 90 days, 10 days per query. */
const TRACE_REACH_MS = 90 * DAY_MS;
const TRACE_SLICE_MS = 10 * DAY_MS;

interface TraceRow {
  senderAddress?: unknown;
  recipientAddress?: unknown;
  subject?: unknown;
  receivedDateTime?: unknown;
}

/**
 * Last resort for a message neither in the mailbox nor in its recoverable items: Graph message
 * trace (one row per recipient, aggregated here). A message read at some time arrived before
 * it, so its slices run backwards from its first read (or the window's end), 10 days each, as
 * far as the trace reaches. Each call asks the next slice only: the caller asks every
 * message's first slice, the likeliest, before anyone's second. Resolves with the found line,
 * `more` when this slice did not know it, or `done` with the job's note saying where it was not
 * found; throws StepFailed when message trace cannot be searched (refused, a lasting fault).
 */
export async function traceNextSlice(
  context: CollectContext,
  job: LookupJob,
  budget: RequestBudget,
): Promise<MessageLookupLine | 'more' | 'done'> {
  if (!cloudSupports(context.settings.cloud, 'messageTrace')) {
    passStage(job, `Graph message trace is not available in the ${context.settings.cloud} cloud`);
    return 'done';
  }
  const now = context.timing.now();
  const anchor = Math.min(Date.parse(job.readBefore ?? context.caseFile.window.end) + 1000, now);
  const slice = traceSlice(anchor, job.traceSearched, now);
  if (slice === null) {
    const last = traceSlice(anchor, job.traceSearched - 1, now);
    passStage(
      job,
      last === null
        ? 'message trace reaches back 90 days only, and the message is older'
        : `not found in message trace ${last[0]}..${iso(anchor)}`,
    );
    return 'done';
  }
  const rows = await traceRows(context, job.id, slice, budget);
  if (typeof rows === 'string') {
    passStage(job, rows);
    return 'done';
  }
  job.traceSearched += 1;
  if (rows.length === 0) return 'more';
  job.stages = [];
  return { ...notFoundLine(job), ...aggregate(rows), found: true, reason: null };
}

/**
 * The `index`-th slice (0 is the newest) of at most 10 days ending at `anchor`, cut to what the
 * trace reaches now (90 days back, with a minute of margin for the request to arrive); null
 * past the reach.
 */
export function traceSlice(anchor: number, index: number, nowMs: number): [string, string] | null {
  if (index < 0) return null;
  const reach = nowMs - TRACE_REACH_MS + 60_000;
  const end = anchor - index * TRACE_SLICE_MS;
  if (end <= reach) return null;
  return [iso(Math.max(end - TRACE_SLICE_MS, reach)), iso(end)];
}

async function traceRows(
  context: CollectContext,
  id: string,
  [start, end]: [string, string],
  budget: RequestBudget,
): Promise<TraceRow[] | string> {
  const filter =
    `messageId eq ${odataString(`<${id}>`)} and ` +
    `receivedDateTime ge ${start} and receivedDateTime le ${end}`;
  const followed = new Set<string>();
  let url: string | null = withQuery(
    graphUrl(context.endpoints.graph, 'v1.0', '/admin/exchange/tracing/messageTraces'),
    [queryOption('$filter', filter)],
  );
  const rows: TraceRow[] = [];
  while (url !== null) {
    const request: GraphRequest = { method: 'GET', url };
    await budget.take(context.signal);
    const response = await context.graph.send(request, context.signal);
    if (response.status === 400 || response.status === 404) {
      // This one range or message was refused: said in the reason; the others are asked.
      return `message trace could not be searched (${describeFailure(failedResponse(request, response).failure)})`;
    }
    if (response.status !== 200) throw failedResponse(request, response);
    const body = jsonBody(response, request);
    const value = (body as { value?: unknown }).value;
    if (Array.isArray(value)) for (const row of value) rows.push(row as TraceRow);
    url = nextLink(body, followed);
  }
  return rows;
}

function aggregate(
  rows: readonly TraceRow[],
): Pick<MessageLookupLine, 'subject' | 'sender' | 'recipients' | 'date' | 'metadataSource'> {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  const dates = rows.map((row) => isoOrNull(row.receivedDateTime)).filter((d) => d !== null);
  const recipients = rows
    .map((row) => text(row.recipientAddress)?.toLowerCase() ?? null)
    .filter((address) => address !== null);
  return {
    metadataSource: 'graph-message-trace',
    subject: rows.map((row) => text(row.subject)).find((subject) => subject !== null) ?? null,
    sender:
      rows.map((row) => text(row.senderAddress)?.toLowerCase()).find((s) => s !== undefined) ??
      null,
    recipients: [...new Set(recipients)].sort(),
    date: dates.sort()[0] ?? null,
  };
}

function iso(ms: number): string {
  return odataDateTime(new Date(ms).toISOString());
}
