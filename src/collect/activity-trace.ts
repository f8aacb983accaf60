import { join } from 'node:path';
import { compareText } from '../model/index.js';
import { cloudSupports } from './clouds.js';
import type { CollectContext } from './context.js';
import { fileSafe, NdjsonFileWriter, sha256 } from './evidence-writer.js';
import type { CollectionManifest, TraceQueryEntry } from './manifest.js';
import { graphUrl, jsonBody, urlPath, type GraphRequest } from './graph-client.js';
import { odataDateTime, odataString, queryOption, withQuery } from './odata.js';
import { nextLink } from './paging.js';
import { RequestBudget } from './request-budget.js';
import { rawValueElements } from './raw-json.js';
import { collectionGap, failedResponse, StepFailed, stepFailure } from './step-failure.js';

/** A mailbox's mail forwarded to an outside address, from when until when (null: to the end). */
export interface ForwardingTarget {
  mailbox: string;
  target: string;
  from: string;
  until: string | null;
}

/** A message the attacker sent, whose recipients message trace names. */
export interface SentTarget {
  mailbox: string;
  internetMessageId: string;
  sentAt: string;
}

/** What of the attacker's activity message trace is asked about. */
export interface ActivityTargets {
  forwarding: readonly ForwardingTarget[];
  sent: readonly SentTarget[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Graph message trace: ranges of at most 10 days, starting at most 90 days back. */
const SLICE_MS = 10 * DAY_MS;
const REACH_MS = 90 * DAY_MS;
/** An inbox-rule forward is a new message: its original arrived up to a day before it. */
const ORIGINAL_LEAD_MS = DAY_MS;
/** A sent message's trace rows, around the time the audit record gives for the send. */
const SENT_MARGIN_MS = HOUR_MS;

/** One question to message trace, saved whole to a file of its own under `trace/`. */
interface TraceQuery {
  path: string;
  /** `recipientAddress eq ...` or `messageId eq ...`. */
  match: string;
  start: number;
  end: number;
  /** Why a range beyond the trace's 90 days is missing, for the limitations. */
  beyondReach: string;
}

/**
 * Message trace for the attacker's activity. For forwarding (rule 11): every row to each
 * outside target while the rule or forwarding was in force, and every row delivered to the
 * forwarding mailbox from a day before (the originals an inbox-rule forward is linked to by
 * subject and time), in slices of at most 10 days cut from the forwarding's start, so that a
 * later run asks the same ones. For sent mail: each message's rows, which name its recipients.
 * Each answer is saved whole, as Graph returned its rows, to its own file, and not asked again
 * once saved. What lies beyond the trace's 90 days is said in the collection's limitations; a
 * question Graph refuses is a gap, and access refused to message trace ends the step.
 */
export async function collectActivityTrace(
  context: CollectContext,
  targets: ActivityTargets,
): Promise<void> {
  if (targets.forwarding.length === 0 && targets.sent.length === 0) return;
  const { store, settings, caseFile } = context;
  if (!cloudSupports(settings.cloud, 'messageTrace')) {
    store.addLimitation(
      `Graph message trace is not available in the ${settings.cloud} cloud: mail forwarded ` +
        'out by the attacker, and the recipients of mail it sent, are found only in exported ' +
        'message trace.',
    );
    return;
  }
  const now = context.timing.now();
  const reach = now - REACH_MS + 60_000;
  const queries = [
    ...forwardingQueries(targets.forwarding, Date.parse(caseFile.window.end), now),
    ...sentQueries(targets.sent, now),
  ];
  const budget = new RequestBudget(
    context,
    'message trace',
    settings.messageTraceBudget.requests,
    settings.messageTraceBudget.minutes * 60_000,
  );
  for (const query of queries) {
    if (query.end <= reach) {
      store.addLimitation(query.beyondReach);
      continue;
    }
    if (answered(store.manifest, query.path)) continue;
    try {
      await saveAnswer(context, budget, { ...query, start: Math.max(query.start, reach) });
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      const part = error.refusesStep
        ? ({ kind: 'step' } as const)
        : ({ kind: 'period', start: iso(query.start), end: iso(query.end) } as const);
      context.recordGap(collectionGap('messageTrace', part, error.failure));
      if (error.refusesStep) return;
    }
    await store.save();
  }
}

/** Per address, its ranges merged and cut into 10-day slices from each range's start. */
function forwardingQueries(
  forwarding: readonly ForwardingTarget[],
  windowEnd: number,
  now: number,
): TraceQuery[] {
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
  const queries: TraceQuery[] = [];
  for (const [address, list] of [...ranges].sort(([a], [b]) => compareText(a, b))) {
    for (const [start, end] of merged(list)) {
      for (let at = start; at < end; at += SLICE_MS) {
        const sliceEnd = Math.min(at + SLICE_MS, end);
        queries.push({
          path: `trace/${fileSafe(address)}-${compactTime(at)}.ndjson`,
          match: `recipientAddress eq ${odataString(address)}`,
          start: at,
          end: sliceEnd,
          beyondReach:
            `Message trace reaches back 90 days: the rows to ${address} from ${iso(at)} to ` +
            `${iso(sliceEnd)} could not be asked for, so mail forwarded out then is not listed.`,
        });
      }
    }
  }
  return queries;
}

function merged(list: readonly [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  for (const [start, end] of [...list].sort((a, b) => a[0] - b[0])) {
    const last = result[result.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (start < end) result.push([start, end]);
  }
  return result;
}

function sentQueries(sent: readonly SentTarget[], now: number): TraceQuery[] {
  const ids = new Map<string, number>();
  for (const { internetMessageId, sentAt } of sent) ids.set(internetMessageId, Date.parse(sentAt));
  return [...ids]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, at]) => ({
      path: `trace/sent-${fileSafe(id)}.ndjson`,
      match: `messageId eq ${odataString(`<${id}>`)}`,
      start: at - SENT_MARGIN_MS,
      end: Math.min(at + SENT_MARGIN_MS, now),
      beyondReach:
        `Message trace reaches back 90 days: the recipients of the message ${id} the attacker ` +
        `sent at ${iso(at)} could not be asked for.`,
    }));
}

/** Asked before: its answer is in the manifest (or, in a collection made before the manifest
 * kept answers without rows, its file is). */
function answered(manifest: CollectionManifest, path: string): boolean {
  return (
    manifest.messageTrace.queries.some((entry) => entry.key === path) ||
    manifest.files.some((file) => file.path === path)
  );
}

/**
 * Every page of one question into its file, put in place when whole (none when empty), and the
 * question with its pages in the manifest, so that an answer without rows is not asked again.
 */
async function saveAnswer(
  context: CollectContext,
  budget: RequestBudget,
  { path, match, start, end }: TraceQuery,
): Promise<void> {
  const filter = `${match} and receivedDateTime ge ${iso(start)} and receivedDateTime le ${iso(end)}`;
  const followed = new Set<string>();
  let url: string | null = withQuery(
    graphUrl(context.endpoints.graph, 'v1.0', '/admin/exchange/tracing/messageTraces'),
    [queryOption('$filter', filter)],
  );
  const entry: TraceQueryEntry = {
    key: path,
    request: { method: 'GET', url },
    pages: [],
    records: 0,
    file: null,
    completedAt: '',
  };
  const writer = await NdjsonFileWriter.create(join(context.evidenceDir, path));
  try {
    while (url !== null) {
      const request: GraphRequest = { method: 'GET', url };
      await budget.take(context.signal);
      const response = await context.graph.send(request, context.signal);
      if (response.status !== 200) throw failedResponse(request, response);
      const body = jsonBody(response, request);
      const rows = rawRows(body, response.text, request);
      await writer.write(rows);
      entry.pages.push({ url, sha256: sha256(response.text), records: rows.length });
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
  entry.records = digest?.records ?? 0;
  entry.file = digest === null ? null : path;
  entry.completedAt = context.nowIso();
  context.store.manifest.messageTrace.queries.push(entry);
}

/** The page's rows as Graph wrote them (escapes, number spellings and key order kept). */
function rawRows(body: unknown, text: string, request: GraphRequest): string[] {
  const value = (body as { value?: unknown }).value;
  if (!Array.isArray(value)) return [];
  const raw = rawValueElements(text);
  if (raw === null || raw.length !== value.length) {
    throw stepFailure(
      'malformed',
      `GET ${urlPath(request.url)} answered with rows that could not be kept as sent`,
      200,
    );
  }
  return raw;
}

function iso(ms: number): string {
  return odataDateTime(new Date(ms).toISOString());
}

/** `20261006T083312Z`: a time for a file name. */
function compactTime(ms: number): string {
  return iso(ms).replace(/[-:]/g, '');
}
