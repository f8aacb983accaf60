import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { CollectError } from '../../src/collect/index.js';
import { reportFailure } from '../../src/cli/failure.js';
import { withLiveCollection } from '../../src/cli/live-collection.js';

it('stops on Ctrl-C with a message saying the collection can be resumed, not as a bug', async () => {
  const stderr = new PassThrough();
  const io = { stdout: new PassThrough(), stderr, env: {}, cwd: process.cwd() };
  const failure: unknown = await withLiveCollection(
    io,
    true,
    (options) =>
      new Promise((_, reject) => {
        // What a Graph request in flight does when the signal aborts it.
        options.signal?.addEventListener('abort', () => {
          reject(new DOMException('This operation was aborted', 'AbortError'));
        });
        process.emit('SIGINT');
      }),
  ).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(CollectError);
  reportFailure(failure, stderr, {});
  const text = String(stderr.read());
  expect(text).toContain('run again to resume');
  expect(text).not.toContain('report it as a bug');
});
