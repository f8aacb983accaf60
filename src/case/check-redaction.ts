import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CaseIssue } from './locate-issue.js';
import type { CaseInput } from './schema.js';

/**
 * A redacted case must leave no subject in its output folder, and collected evidence (kept
 * whole, subjects and all, as the chain of custody requires) goes under the output folder
 * unless `collect.evidenceDir` leads out of it.
 */
export function checkRedaction(input: CaseInput, dir: string): CaseIssue[] {
  if (!input.report.redactSubjects || input.collect === undefined) return [];
  const output = resolve(dir, input.output);
  const inside = relative(output, resolve(output, input.collect.evidenceDir));
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return [];
  return [
    {
      path: ['collect', 'evidenceDir'],
      message:
        'collected evidence keeps message subjects, and with report.redactSubjects it must not go into the output folder that is handed over; set collect.evidenceDir outside it, e.g. ../evidence-collected',
    },
  ];
}
