import { join } from 'node:path';
import { compareText } from '../model/index.js';
import { cloudSupports } from './clouds.js';
import type { CollectContext } from './context.js';
import { fileSafe, NdjsonFileWriter } from './evidence-writer.js';
import { graphUrl, jsonBody, type GraphRequest } from './graph-client.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { nextLink } from './paging.js';
import { RequestBudget } from './request-budget.js';
import { collectionGap, failedResponse, StepFailed } from './step-failure.js';

/** A mailbox's mail forwarded to an outside address, from when until when (null: to the end). */
export interface ForwardingTarget {
  mailbox: string;
  target: string;
  from: string;
  until: string | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Graph message trace: ranges of at most 10 days, starting at most 90 days back. */
const SLICE_MS = 10 * DAY_MS;
const REACH_MS = 90 * DAY_MS;
/** An inbox-rule forward is a new message: its original arrived up to a day before it. */
const ORIGINAL_LEAD_MS = DAY_MS;

/** One address's trace rows asked over one range: a file of its own under `trace/`. */
interface TraceSlice {
  address: string;
  start: number;
  end: number;
}

/**
 * Message trace for the attacker's forwarding (rule 11): every row to each outside target while
 * the rule or forwarding was in force, and every row delivered to the forwarding mailbox from a
 * day before (the originals an inbox-rule forward is linked to by subject and time). Slices of
 * at most 10 days, each saved whole, as Graph returned its rows, to its own file; a slice an
 * earlier run saved is not asked again. Slices are cut from the forwarding's start, not from
 * today, so that a later run asks the same ones. What lies beyond the trace's 90 days is said
 * in the collection's limitations; a slice Graph refuses is a gap, and access refused to message
 * trace ends the step.
 */
export async function collectForwardingTrace(
  context: CollectContext,
  forwarding: readonly ForwardingTarget[],
): Promise<void> {
  if (forwarding.length === 0) return;
  const { store, settings, caseFile } = context;
  if (!cloudSupports(settings.cloud, 'messageTrace')) {
    store.addLimitation(
      `Graph message trace is not available in the ${settings.cloud} cloud: mail forwarded ` +
        'out by the attacker is found only in exported message trace.',
    );
    return;
  }
  const now = context.timing.now();
  const reach = now - REACH_MS + 60_000;
  const windowEnd = Date.parse(caseFile.window.end);
  const ranges = new Map<string, [number, number][]>();
  const ask = (address: string, start: number, end: number) => {
    const list = ranges.get(address) ?? [];
    list.push([start, Math.min(end, now)]);
    ranges.set(address, list);
  };
  for (const { mailbox, target, from, until } of forwarding) {
    const start = Date.parse(from);
    const end = until === null ? windowEnd : Date.parse(until);
    ask(target.toLowerCase(), start, end);
    ask(mailbox.toLowerCase(), start - ORIGINAL_LEAD_MS, end);
  }
  const budget = new RequestBudget(
    context,
    'message trace',
    settings.messageTraceBudget.requests,
    settings.messageTraceBudget.minutes * 60_000,
  );
  for (const slice of [...ranges].sort(([a], [b]) => compareText(a, b)).flatMap(slicesOf)) {
    if (slice.end <= reach) {
      store.addLimitation(
        `Message trace reaches back 90 days: the rows to ${slice.address} from ` +
          `${iso(slice.start)} to ${iso(slice.end)} could not be asked for, so mail forwarded ` +
          'out then is not listed.',
      );
      continue;
    }
    const path = `trace/${fileSafe(slice.address)}-${compactTime(slice.start)}.ndjson`;
    if (store.manifest.files.some((file) => file.path === path)) continue;
    try {
      await saveSlice(context, budget, path, { ...slice, start: Math.max(slice.start, reach) });
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      const part = error.refusesStep
        ? ({ kind: 'step' } as const)
        : ({ kind: 'period', start: iso(slice.start), end: iso(slice.end) } as const);
      context.recordGap(collectionGap('messageTrace', part, error.failure));
      if (error.refusesStep) return;
    }
    await store.save();
  }
}

/** Merged ranges of one address, cut into 10-day slices from each range's start. */
function slicesOf([address, list]: [string, [number, number][]]): TraceSlice[] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...list].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (start < end) merged.push([start, end]);
  }
  const slices: TraceSlice[] = [];
  for (const [start, end] of merged) {
    for (let at = start; at < end; at += SLICE_MS) {
      slices.push({ address, start: at, end: Math.min(at + SLICE_MS, end) });
    }
  }
  return slices;
}

/** Every page of one slice into its file, put in place when whole (none when it held no row). */
async function saveSlice(
  context: CollectContext,
  budget: RequestBudget,
  path: string,
  { address, start, end }: TraceSlice,
): Promise<void> {
  const filter =
    `recipientAddress eq ${odataString(address)} and ` +
    `receivedDateTime ge ${iso(start)} and receivedDateTime le ${iso(end)}`;
  const followed = new Set<string>();
  let url: string | null = withQuery(
    graphUrl(context.endpoints.graph, 'v1.0', '/admin/exchange/tracing/messageTraces'),
    [queryOption('$filter', filter)],
  );
  const writer = await NdjsonFileWriter.create(join(context.evidenceDir, path));
  try {
    while (url !== null) {
      const request: GraphRequest = { method: 'GET', url };
      await budget.take(context.signal);
      const response = await context.graph.send(request, context.signal);
      if (response.status !== 200) throw failedResponse(request, response);
      const body = jsonBody(response, request);
      const value = (body as { value?: unknown }).value;
      if (Array.isArray(value)) await writer.write(value.map((row) => JSON.stringify(row)));
      url = nextLink(body, followed);
    }
  } catch (error) {
    await writer.discard();
    throw error;
  }
  const digest = await writer.finish();
  if (digest !== null) {
    context.store.upsertFile({
      path,
      kind: 'messageTrace',
      format: 'graph-message-trace',
      ...digest,
    });
  }
}

function iso(ms: number): string {
  return odataDateTime(new Date(ms).toISOString());
}

/** `20261006T083312Z`: a time for a file name. */
function compactTime(ms: number): string {
  return iso(ms).replace(/[-:]/g, '');
}
