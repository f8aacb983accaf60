import type { CommandIo } from '../io.js';
import type { RunCommandOptions } from '../program.js';
import { runCommand } from './run.js';

/** `analyze`: the whole analysis, but only report.json (and the manifest) is written. */
export function analyzeCommand(
  casePath: string,
  options: RunCommandOptions,
  io: CommandIo,
): Promise<void> {
  return runCommand(casePath, options, io, ['json']);
}
