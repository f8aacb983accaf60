import type { ReportCollection } from '../model/index.js';
import { RunFailure } from './failure.js';

/** What live collection could not collect, for stderr: the reports say it too. */
export function formatCollectionProblems(collection: ReportCollection | null): string {
  if (collection === null || collection.problems.length === 0) return '';
  const lines = collection.problems.map((problem) => `  ${problem.code}: ${problem.message}`);
  return `warning: the live collection is incomplete; the reports say what is missing:\n${lines.join('\n')}\n`;
}

/**
 * A collection with gaps still gives reports (exit 0) that say what is missing; `--strict`
 * makes it fail instead, for scripts that must not go on with part of the evidence.
 */
export function failIfIncomplete(strict: boolean | undefined, collection: ReportCollection | null) {
  if (strict !== true || collection === null || collection.problems.length === 0) return;
  throw new RunFailure(
    `the live collection has ${collection.problems.length} problem${collection.problems.length === 1 ? '' : 's'} and --strict is set; ` +
      'what was collected is saved; run the collection again once it is put right to fill the gaps',
  );
}
