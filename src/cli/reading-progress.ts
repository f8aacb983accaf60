import type { CommandIo } from './io.js';

/** What the pipeline reports while an input is read (see ReadProgress in pipeline/). */
export interface ReadingStatus {
  displayPath: string;
  bytes: number;
  size: number;
  records: number;
}

const REDRAW_MS = 250;

/**
 * Progress of a run on stderr: finished steps as lines (`mailexposure: ...`) and, on a
 * terminal, one status line that follows the input being read: bytes read of its size, records
 * per second and the time left. The status line is redrawn in place a few times a second and
 * cleared before each step's line; nothing of it is written when stderr is no terminal (a log
 * file gets the step lines only) or with --quiet.
 */
export function runProgress(
  io: CommandIo,
  quiet = false,
): { line: (text: string) => void; reading?: (status: ReadingStatus) => void } {
  if (quiet) return { line: () => undefined };
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  let shown = false;
  const clear = () => {
    if (shown) io.stderr.write('\r\u001b[2K');
    shown = false;
  };
  const line = (text: string) => {
    clear();
    io.stderr.write(`mailexposure: ${text}\n`);
  };
  if (stderr.isTTY !== true) return { line };
  let input = '';
  let started = 0;
  // performance.now() counts from the thread's start: the first status must be drawn however
  // early it comes.
  let drawn = Number.NEGATIVE_INFINITY;
  const reading = (status: ReadingStatus) => {
    const now = performance.now();
    if (status.displayPath !== input) {
      input = status.displayPath;
      started = now;
    }
    if (now - drawn < REDRAW_MS) return;
    drawn = now;
    io.stderr.write(`\r\u001b[2Kmailexposure: ${describeReading(status, (now - started) / 1000)}`);
    shown = true;
  };
  return { line, reading };
}

/** `reading x.jsonl: 512 MB of 2.0 GB (25 %), 48,000 records/s, 1 min 12 s left` */
export function describeReading(status: ReadingStatus, seconds: number): string {
  const share = status.size > 0 ? status.bytes / status.size : 1;
  const perSecond = seconds > 0 ? Math.round(status.records / seconds) : 0;
  const left = share > 0 && share < 1 ? (seconds / share) * (1 - share) : 0;
  return (
    `reading ${status.displayPath}: ${megabytes(status.bytes)} of ${megabytes(status.size)} ` +
    `(${Math.floor(share * 100)} %), ${perSecond.toLocaleString('en-US')} records/s, ` +
    `${duration(left)} left`
  );
}

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

function duration(seconds: number): string {
  const whole = Math.ceil(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
}
