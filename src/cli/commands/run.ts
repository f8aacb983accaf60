import { resolve } from 'node:path';
import { loadCaseFile } from '../../case/index.js';
import { generatedAt, runCase } from '../../pipeline/index.js';
import { RunFailure } from '../failure.js';
import { withLiveCollection } from '../live-collection.js';
import type { CommandIo } from '../io.js';
import { parseFormats } from '../parse-formats.js';
import { runProgress } from '../reading-progress.js';
import type { RunCommandOptions } from '../program.js';
import { failIfIncomplete, formatCollectionProblems } from '../collection-problems.js';
import { plural } from '../../model/index.js';
import { formatProblems, formatSummary, summaryJson } from '../summary.js';

export async function runCommand(
  casePath: string,
  options: RunCommandOptions,
  io: CommandIo,
  fixedFormats?: readonly ['json'],
): Promise<void> {
  const caseFile = await loadCaseFile(casePath);
  const formats = fixedFormats ?? parseFormats(options.formats, caseFile.report.formats);
  const progress = runProgress(io, options.quiet);
  const result = await withLiveCollection(io, options.quiet, (live) =>
    runCase(caseFile, {
      outDir: options.out === undefined ? caseFile.output : resolve(io.cwd, options.out),
      generatedAt: generatedAt(io.env),
      formats,
      progress: progress.line,
      reading: progress.reading,
      live: options.offline ? null : live,
      force: options.force === true,
    }),
  );
  io.stderr.write(formatProblems(result.report.problems));
  io.stderr.write(formatCollectionProblems(result.report.collection));
  io.stdout.write(
    options.json
      ? summaryJson(result.report, result)
      : formatSummary(result.report, result, io.cwd),
  );
  if (options.strict && result.report.summary.recordsRejected > 0) {
    throw new RunFailure(
      `${plural(result.report.summary.recordsRejected, 'input row was', 'input rows were')} rejected and --strict is set; the reports were written, see "problems" in report.json`,
    );
  }
  failIfIncomplete(options.strict, result.report.collection);
}
