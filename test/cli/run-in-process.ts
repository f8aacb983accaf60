import { Writable } from 'node:stream';
import { exitCodeFor, reportFailure } from '../../src/cli/failure.js';
import { buildProgram } from '../../src/cli/program.js';
import type { CliResult } from './run-cli.js';

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/**
 * The command line as `src/cli/main.ts` runs it, in this process: the same program, the same
 * failure reporting and exit codes, without the seconds a new process costs.
 */
export async function runInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const io = { stdout: stdout.stream, stderr: stderr.stream, env, cwd: process.cwd() };
  let status = 0;
  try {
    await buildProgram(io).parseAsync(['node', 'mailexposure', ...args]);
  } catch (error) {
    reportFailure(error, stderr.stream, env);
    status = exitCodeFor(error);
  }
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}
