import { CommanderError } from 'commander';
import { CollectError } from '../collect/index.js';
import { InputError } from '../model/index.js';

/** Exit codes of DESIGN.md: 0 done, 1 failed, 2 the case file or an input is invalid. */
export const exitCodes = { done: 0, failed: 1, invalidInput: 2 } as const;

/** A run that completed but must not count as clean (e.g. `--strict` with rejected rows). */
export class RunFailure extends Error {
  override name = 'RunFailure';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError) return exitCodes.invalidInput;
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : exitCodes.invalidInput;
  return exitCodes.failed;
}

/**
 * User errors are printed as they stand (their messages are written for the user); only an
 * unexpected failure shows its stack, and only when MAILEXPOSURE_DEBUG asks for it.
 */
export function reportFailure(
  error: unknown,
  stderr: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv,
): void {
  if (error instanceof CommanderError) return; // commander has already said what was wrong
  if (error instanceof InputError) {
    stderr.write(`${error.message}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`mailexposure: ${message}\n`);
  if (env.MAILEXPOSURE_DEBUG && error instanceof Error && error.stack) {
    stderr.write(`${error.stack}\n`);
  } else if (!(error instanceof RunFailure) && !(error instanceof CollectError)) {
    stderr.write('Set MAILEXPOSURE_DEBUG=1 to see where it failed, and report it as a bug.\n');
  }
}
