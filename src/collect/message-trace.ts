import { cloudSupports } from './clouds.js';
import type { CollectContext } from './context.js';
import { graphUrl, jsonBody, type GraphRequest } from './graph-client.js';
import { notFoundLine, passStage, type LookupJob } from './lookup-job.js';
import { isoOrNull } from './message-metadata.js';
import type { MessageLookupLine } from './message-lookup.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { nextLink } from './paging.js';
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
 * trace (one row per recipient, aggregated here). The message was read during the window, so
 * it arrived before the window's end: slices are searched from there backwards, as far as the
 * trace reaches, and the search stops at the first slice that knows the message. Resolves with
 * the found line, or null with the job's note saying where it was not found; throws StepFailed
 * when message trace itself cannot be searched (access refused, a persistent fault).
 */
export async function traceLookup(
  context: CollectContext,
  job: LookupJob,
): Promise<MessageLookupLine | null> {
  if (!cloudSupports(context.settings.cloud, 'messageTrace')) {
    passStage(job, `Graph message trace is not available in the ${context.settings.cloud} cloud`);
    return null;
  }
  const slices = traceSlices(context.caseFile.window.end, context.timing.now());
  if (slices.length === 0) {
    passStage(job, 'message trace reaches back 90 days only, and the window is older');
    return null;
  }
  for (const [start, end] of slices) {
    const rows = await traceRows(context, job.id, start, end);
    if (typeof rows === 'string') {
      passStage(job, rows);
      return null;
    }
    if (rows.length > 0) {
      job.stages = [];
      return { ...notFoundLine(job), ...aggregate(rows), found: true, reason: null };
    }
  }
  const first = slices[slices.length - 1]?.[0] ?? '';
  const last = slices[0]?.[1] ?? '';
  passStage(job, `not found in message trace ${first}..${last}`);
  return null;
}

/** Newest first: [start, end] pairs of at most 10 days within the trace's 90-day reach. */
export function traceSlices(windowEnd: string, nowMs: number): [string, string][] {
  // A minute of margin keeps the oldest slice inside the reach when the request arrives.
  const reach = nowMs - TRACE_REACH_MS + 60_000;
  const slices: [string, string][] = [];
  for (let end = Math.min(Date.parse(windowEnd) + 1000, nowMs); end > reach;) {
    const start = Math.max(end - TRACE_SLICE_MS, reach);
    slices.push([iso(start), iso(end)]);
    end = start;
  }
  return slices;
}

async function traceRows(
  context: CollectContext,
  id: string,
  start: string,
  end: string,
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
