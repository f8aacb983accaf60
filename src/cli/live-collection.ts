import { CollectError, createProgressReporter } from '../collect/index.js';
import type { CollectOptions } from '../collect/index.js';
import type { CommandIo } from './io.js';
import { preflightWarnings } from './preflight-report.js';

/**
 * Options for live collection from the command line: progress on stderr, and Ctrl-C or SIGTERM
 * (a terminal closed, a job stopped) stops the collection cleanly: the run is recorded as
 * interrupted, the lock is released, what was saved stays saved and the next run resumes it.
 */
export async function withLiveCollection<T>(
  io: CommandIo,
  quiet: boolean | undefined,
  work: (options: CollectOptions) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => {
    io.stderr.write(
      'mailexposure: interrupted; what was collected is saved, run again to resume\n',
    );
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work({
      signal: controller.signal,
      env: io.env,
      // What the collection will miss is said before it starts, even with --quiet.
      onPreflight: (preflight) => io.stderr.write(preflightWarnings(preflight)),
      ...(quiet ? {} : { onProgress: createProgressReporter(io.stderr) }),
    });
  } catch (error) {
    // An aborted request fails with an AbortError: an interruption the user asked for, no bug.
    if (controller.signal.aborted) {
      throw new CollectError('collection interrupted; run again to resume', { cause: error });
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}
