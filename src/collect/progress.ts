import type { Chunk } from './chunks.js';

export type CollectStep = 'audit' | 'signIns' | 'folders' | 'lookups';

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
      type: 'throttled';
      /** Path of the call (no query string), or `$batch item` for an inner batch response. */
      what: string;
      status: number | null;
      waitMs: number;
      attempt: number;
    }
  /** Device code sign-in: the message tells the consultant where to enter which code. */
  | { type: 'device-code'; message: string };

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
  throttled: number;
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
    throttled: 0,
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
        line(`${STEP_NAMES[event.step]}: done`);
        break;
      case 'chunk-split':
        tally.chunksTotal += 1;
        line(`audit ${event.chunk.start}..${event.chunk.end}: record limit reached, split in two`);
        break;
      case 'chunk-finished':
        tally.chunksDone += 1;
        line(
          `audit ${event.chunk.start}..${event.chunk.end}: ${event.records} records` +
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
      case 'throttled':
        tally.throttled += 1;
        tally.waitedMs += event.waitMs;
        if (!tty) {
          line(
            `throttled (${event.status ?? 'network error'}) on ${event.what}: ` +
              `waiting ${formatSeconds(event.waitMs)} (attempt ${event.attempt})`,
          );
        }
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
};

function statusText(tally: Tally): string {
  const parts = [
    `chunks ${tally.chunksDone}/${tally.chunksTotal}`,
    `pages ${tally.pages}`,
    `records ${tally.records}`,
  ];
  if (tally.lookupsTotal > 0) {
    parts.push(`lookups ${tally.lookupsDone}/${tally.lookupsTotal} (${tally.found} found)`);
  }
  parts.push(`throttled ${tally.throttled} (${formatSeconds(tally.waitedMs)} waited)`);
  return parts.join(' · ');
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
