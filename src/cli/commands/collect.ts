import { loadCaseFile } from '../../case/index.js';
import { InputError } from '../../model/index.js';
import type { ReportCollection } from '../../model/index.js';
import { collectAndAnalyze, generatedAt } from '../../pipeline/index.js';
import type { CommandIo } from '../io.js';
import { progressTo } from '../io.js';
import { failIfIncomplete } from '../collection-problems.js';
import { withLiveCollection } from '../live-collection.js';
import { RunFailure } from '../failure.js';
import { formatPreflight, passes } from '../preflight-report.js';
import { checkCollection } from '../../collect/index.js';

/**
 * `collect`: fetch and preserve the evidence; `run --offline` reports on it later. `--check`
 * only signs in and probes each step, printing what a collection would miss (exit 1 if any).
 */
export async function collectCommand(
  casePath: string,
  options: { quiet?: boolean; strict?: boolean; check?: boolean },
  io: CommandIo,
): Promise<void> {
  const caseFile = await loadCaseFile(casePath);
  if (caseFile.collect === null) {
    throw new InputError([
      {
        file: casePath,
        line: null,
        column: null,
        key: 'collect',
        message:
          'the case has no collect: section, so there is nothing to collect (see docs/live-collection.md)',
      },
    ]);
  }
  if (options.check === true) {
    const preflight = await withLiveCollection(io, options.quiet, (live) =>
      checkCollection(caseFile, live),
    );
    io.stdout.write(formatPreflight(preflight, caseFile));
    if (!preflight.checks.every(passes)) {
      throw new RunFailure('the preflight check found steps the collection would miss');
    }
    return;
  }
  const report = await withLiveCollection(io, options.quiet, (live) =>
    collectAndAnalyze(caseFile, {
      generatedAt: generatedAt(io.env),
      progress: progressTo(io, options.quiet),
      collect: live,
    }),
  );
  io.stdout.write(formatCollection(report.collection));
  failIfIncomplete(options.strict, report.collection);
}

function formatCollection(collection: ReportCollection | null): string {
  if (collection === null) return '';
  const records = collection.chunks.reduce((total, chunk) => total + (chunk.records ?? 0), 0);
  const truncated = collection.chunks.filter((chunk) => chunk.status === 'truncated').length;
  const lines = [
    `Collected from tenant ${collection.tenantId} (${collection.cloud}, Graph ${collection.apiVersion})`,
    `Audit records     ${records} in ${collection.chunks.filter((chunk) => chunk.status !== 'split').length} queries${truncated > 0 ? `, ${truncated} TRUNCATED (record limit)` : ', none truncated'}`,
    `Messages looked up ${collection.lookups.lookedUp}, not found ${collection.lookups.notFound}`,
    ...collection.problems.map(
      (problem) => `Problem           ${problem.code}: ${problem.message}`,
    ),
    `Runs              ${collection.runs.map((run) => `${run.step} ${run.outcome}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
