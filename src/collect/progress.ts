import type { Chunk } from './chunks.js';
import { plural, type CollectionGap } from '../model/index.js';
import { describeFailure, periodGapsAlike } from './step-failure.js';

export type CollectStep = 'audit' | 'signIns' | 'folders' | 'lookups' | 'messageTrace';

/** What a collection reports while it runs (for the progress display; never secrets). */
export type CollectEvent =
  | { type: 'step-started'; step: CollectStep; total: number; alreadyDone: number }
  | { type: 'step-finished'; step: CollectStep }
  | { type: 'chunk-started'; chunk: Chunk }
  | { type: 'query-polled'; chunk: Chunk; status: string }
  | { type: 'chunk-split'; chunk: Chunk; into: [Chunk, Chunk] }
  | { type: 'chunk-finished'; chunk: Chunk; records: number; truncated: boolean }
  | { type: 'page-received'; step: CollectStep; records: number }
  | { type: 'sign-ins-finished'; account: string; signInType: string; records: number }
  | { type: 'folder-listed'; mailbox: string; path: string; messages: number | null }
  | { type: 'lookups-progressed'; done: number; total: number; found: number }
  | {
      type: 'retrying';
      /** Path of the call (no query string), or `$batch item` for an inner batch response. */
      what: string;
      /** HTTP status of the failed attempt; null when no answer came (network error). */
      status: number | null;
      reason: RetryReason;
      /** The wait is the one Graph asked for (Retry-After): a quota being waited out. */
      asked: boolean;
      waitMs: number;
      attempt: number;
    }
  /** A request budget is spent for now: the next request waits `waitMs`. */
  | { type: 'budget-wait'; what: string; limit: number; windowMs: number; waitMs: number }
  /** A part of the collection Graph refused or kept failing: recorded, and the run goes on. */
  | { type: 'gap'; gap: CollectionGap }
  /** Device code sign-in: the message tells the consultant where to enter which code. */
  | { type: 'device-code'; message: string };

/**
 * Why a request is sent again: `throttled` (429), `unavailable` (5xx), `network` (no answer),
 * `malformed` (a 200 whose body is cut off).
 */
export type RetryReason = 'throttled' | 'unavailable' | 'network' | 'malformed';

export type CollectProgress = (event: CollectEvent) => void;

interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

interface Tally {
  chunksDone: number;
  chunksTotal: number;
  pages: number;
  records: number;
  lookupsDone: number;
  lookupsTotal: number;
  found: number;
  retries: number;
  waitedMs: number;
}

/**
 * A progress display on stderr: one status line rewritten in place on a terminal, plain
 * lines (one per finished chunk, listing, lookup tenth, throttling wait) otherwise.
 */
export function createProgressReporter(stream: ProgressStream = process.stderr): CollectProgress {
  const tty = stream.isTTY === true;
  const tally: Tally = {
    chunksDone: 0,
    chunksTotal: 0,
    pages: 0,
    records: 0,
    lookupsDone: 0,
    lookupsTotal: 0,
    found: 0,
    retries: 0,
    waitedMs: 0,
  };
  let statusShown = false;
  let lastTenth = -1;

  const line = (text: string) => {
    stream.write(tty && statusShown ? `\r\x1b[2K${text}\n` : `${text}\n`);
    statusShown = false;
  };
  const status = () => {
    if (!tty) return;
    stream.write(`\r\x1b[2K${statusText(tally)}`);
    statusShown = true;
  };
  // A mailbox whose chunks all fail alike would print a line per chunk: the first is said, the
  // others counted and said in one line when another gap comes or the step ends.
  let lastGap: CollectionGap | null = null;
  let alikeSince = 0;
  const sayAlike = () => {
    if (lastGap !== null && alikeSince > 0) {
      line(
        `${STEP_NAMES[GAP_STEPS[lastGap.step]]}: ${alikeSince} more failed alike ` +
          `(${describeFailure(lastGap)}); the collection goes on without them`,
      );
    }
    alikeSince = 0;
  };

  return (event) => {
    switch (event.type) {
      case 'step-started':
        if (event.step === 'audit') {
          tally.chunksTotal = event.total;
          tally.chunksDone = event.alreadyDone;
        }
        if (event.step === 'lookups') {
          tally.lookupsTotal = event.total;
          tally.lookupsDone = 0;
          lastTenth = -1;
        }
        line(`${STEP_NAMES[event.step]}: ${event.total} to do, ${event.alreadyDone} already saved`);
        break;
      case 'step-finished':
        sayAlike();
        lastGap = null;
        line(`${STEP_NAMES[event.step]}: done`);
        break;
      case 'chunk-split':
        tally.chunksTotal += 1;
        line(`audit ${event.chunk.start}..${event.chunk.end}: record limit reached, split in two`);
        break;
      case 'chunk-finished':
        tally.chunksDone += 1;
        line(
          `audit ${event.chunk.start}..${event.chunk.end}: ${plural(event.records, 'record', 'records')}` +
            (event.truncated ? ' (RECORD LIMIT REACHED: incomplete)' : '') +
            ` [${tally.chunksDone}/${tally.chunksTotal}]`,
        );
        break;
      case 'page-received':
        tally.pages += 1;
        tally.records += event.records;
        break;
      case 'sign-ins-finished':
        line(`sign-ins ${event.account} (${event.signInType}): ${event.records}`);
        break;
      case 'folder-listed':
        line(
          `folder ${event.mailbox} ${event.path}: ` +
            (event.messages === null ? 'not found' : `${event.messages} messages`),
        );
        break;
      case 'lookups-progressed': {
        tally.lookupsDone = event.done;
        tally.lookupsTotal = event.total;
        tally.found = event.found;
        const tenth = event.total === 0 ? 10 : Math.floor((event.done * 10) / event.total);
        if (!tty && tenth !== lastTenth) {
          lastTenth = tenth;
          line(`lookups: ${event.done}/${event.total} (${event.found} found)`);
        }
        break;
      }
      case 'retrying':
        tally.retries += 1;
        tally.waitedMs += event.waitMs;
        // Short throttling is routine and shows in the status line; the rest is said at once.
        if (!tty || event.reason !== 'throttled' || event.waitMs >= 10_000) line(retryText(event));
        break;
      case 'budget-wait':
        line(
          `${event.what}: ${event.limit} requests in ${formatSeconds(event.windowMs)} used ` +
            `(the tenant's limit); waiting ${formatSeconds(event.waitMs)} for the next`,
        );
        break;
      case 'gap':
        if (lastGap !== null && periodGapsAlike(lastGap, event.gap)) {
          alikeSince += 1;
          break;
        }
        sayAlike();
        lastGap = event.gap;
        line(
          `${STEP_NAMES[GAP_STEPS[event.gap.step]]}: ${event.gap.missing} ` +
            `(${describeFailure(event.gap)}); the collection goes on without it`,
        );
        break;
      case 'device-code':
        line(event.message);
        break;
      case 'chunk-started':
      case 'query-polled':
        break;
    }
    status();
  };
}

const STEP_NAMES: Record<CollectStep, string> = {
  audit: 'audit log chunks',
  signIns: 'sign-in queries',
  folders: 'synced folders',
  lookups: 'message lookups',
  messageTrace: 'message trace',
};

const GAP_STEPS: Record<CollectionGap['step'], CollectStep> = {
  audit: 'audit',
  signIns: 'signIns',
  folders: 'folders',
  lookups: 'lookups',
  messageTrace: 'messageTrace',
};

function retryText(event: Extract<CollectEvent, { type: 'retrying' }>): string {
  const wait = formatSeconds(event.waitMs);
  const attempt = `(attempt ${event.attempt})`;
  switch (event.reason) {
    case 'throttled':
      return (
        `throttled (${event.status ?? 429}) on ${event.what}: waiting ${wait}` +
        `${event.asked ? ' as Graph asks' : ''} ${attempt}`
      );
    case 'unavailable':
      return `Graph answered ${event.status ?? '?'} on ${event.what}: trying again in ${wait} ${attempt}`;
    case 'network':
      return `network error on ${event.what}: trying again in ${wait} ${attempt}`;
    case 'malformed':
      return `cut-off page from ${event.what}: asking again in ${wait} ${attempt}`;
  }
}

function statusText(tally: Tally): string {
  const parts = [
    `chunks ${tally.chunksDone}/${tally.chunksTotal}`,
    `pages ${tally.pages}`,
    `records ${tally.records}`,
  ];
  if (tally.lookupsTotal > 0) {
    parts.push(`lookups ${tally.lookupsDone}/${tally.lookupsTotal} (${tally.found} found)`);
  }
  parts.push(`retries ${tally.retries} (${formatSeconds(tally.waitedMs)} waited)`);
  return parts.join(' · ');
}

/** `1.5 s`, `42 s`, `3 min 12 s`: how long a wait is, as a person reads it. */
export function formatSeconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
}
