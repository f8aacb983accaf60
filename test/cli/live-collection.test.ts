import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { CollectError, collectAuditEvidence, readManifest } from '../../src/collect/index.js';
import { reportFailure } from '../../src/cli/failure.js';
import { withLiveCollection } from '../../src/cli/live-collection.js';
import { startEmulator } from '../emulator/index.js';
import { tempDir } from '../collect/case-fixture.js';
import { FAULT, faultCase, faultTenant } from '../collect/fault-tenant.js';

function commandIo() {
  const stderr = new PassThrough();
  return { stdout: new PassThrough(), stderr, env: {}, cwd: process.cwd() };
}

it('stops on Ctrl-C with a message saying the collection can be resumed, not as a bug', async () => {
  const io = commandIo();
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
  reportFailure(failure, io.stderr, {});
  const text = String(io.stderr.read());
  expect(text).toContain('run again to resume');
  expect(text).not.toContain('report it as a bug');
});

it('handles SIGTERM like Ctrl-C: the run is recorded as interrupted and the folder unlocked', async () => {
  const emulator = await startEmulator({ tenant: faultTenant(), now: FAULT.now, latencyMs: 20 });
  try {
    const caseFile = faultCase(await tempDir(), emulator.url);
    const listeners = process.listenerCount('SIGTERM');
    const evidence = join(caseFile.output, 'evidence');
    const failure: unknown = await withLiveCollection(commandIo(), true, (options) =>
      collectAuditEvidence(caseFile, {
        ...options,
        env: { MAILEXPOSURE_CLIENT_SECRET: FAULT.secret },
        // The signal arrives while the first audit query is being created.
        onProgress: (event) => {
          if (event.type === 'chunk-started') process.emit('SIGTERM');
        },
      }),
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CollectError);
    expect(String(failure)).toContain('collection interrupted; run again to resume');
    const manifest = await readManifest(evidence);
    expect(manifest?.runs.map((run) => run.outcome)).toEqual(['interrupted']);
    expect(existsSync(join(evidence, 'collection.lock'))).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
  } finally {
    await emulator.stop();
  }
});
