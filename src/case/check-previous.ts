import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CaseIssue } from './locate-issue.js';
import type { CaseInput } from './schema.js';

/** `report.previous` must name a file, so a typo is found when the case is checked. */
export async function checkPrevious(input: CaseInput, dir: string): Promise<CaseIssue[]> {
  const previous = input.report.previous;
  if (previous === undefined) return [];
  const found = await stat(resolve(dir, previous)).then(
    (stats) => stats.isFile(),
    () => false,
  );
  return found
    ? []
    : [
        {
          path: ['report', 'previous'],
          message: `${JSON.stringify(previous)} is not a file (looked in ${dir}); name the report.json of an earlier run of this case`,
        },
      ];
}
