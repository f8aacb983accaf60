import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { describeReading, runProgress } from '../../src/cli/reading-progress.js';

function io(tty: boolean): { io: CommandIo; written: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  const chunks: string[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const stdout = new PassThrough();
  return { io: { stdout, stderr, env: {}, cwd: '/' }, written: () => chunks.join('') };
}

const status = { displayPath: 'evidence/ual.jsonl', bytes: 500e6, size: 2e9, records: 250_000 };

describe('progress while reading', () => {
  it('says bytes read of the size, records per second and the time left', () => {
    expect(describeReading(status, 10)).toBe(
      'reading evidence/ual.jsonl: 500 MB of 2.0 GB (25 %), 25,000 records/s, 30 s left',
    );
    expect(describeReading({ ...status, bytes: 1e9 }, 150)).toContain('2 min 30 s left');
  });

  it('draws a status line on a terminal and clears it before the next step', async () => {
    const terminal = io(true);
    const progress = runProgress(terminal.io);
    progress.reading?.(status);
    progress.line('read evidence/ual.jsonl: extractor-suite-jsonl, 1000000 records (40.2 s)');
    await new Promise((resolve) => setImmediate(resolve));
    const clear = '\r\u001b[2K';
    expect(terminal.written().startsWith(`${clear}mailexposure: reading evidence/ual.jsonl`)).toBe(
      true,
    );
    expect(terminal.written()).toContain(`${clear}mailexposure: read evidence/ual.jsonl:`);
  });

  it('writes no status line when stderr is no terminal, and nothing with --quiet', async () => {
    const log = io(false);
    expect(runProgress(log.io).reading).toBeUndefined();
    runProgress(log.io).line('read x');
    const quiet = io(true);
    const silent = runProgress(quiet.io, true);
    silent.reading?.(status);
    silent.line('read x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.written()).toBe('mailexposure: read x\n');
    expect(quiet.written()).toBe('');
  });
});
