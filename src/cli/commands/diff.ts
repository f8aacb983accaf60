import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReportChanges } from '../../model/index.js';
import { InputError } from '../../model/index.js';
import { readReportFile } from '../../pipeline/index.js';
import { people, readLocaleLabels } from '../../report/format/index.js';
import { reportChanges } from '../../report/index.js';
import type { CommandIo } from '../io.js';
import { messageChangesLine, row } from '../summary.js';

export interface DiffCommandOptions {
  json?: boolean;
  out?: string;
}

/** `diff OLD NEW`: what changed between two reports of a case, as a summary or as JSON. */
export async function diffCommand(
  oldPath: string,
  newPath: string,
  options: DiffCommandOptions,
  io: CommandIo,
): Promise<void> {
  const earlier = await readReportFile(oldPath, resolve(io.cwd, oldPath));
  const later = await readReportFile(newPath, resolve(io.cwd, newPath));
  if (earlier.report.case.id !== later.report.case.id) {
    throw new InputError([
      {
        file: oldPath,
        line: null,
        column: null,
        key: null,
        message: `is the report of case ${earlier.report.case.id} and ${newPath} of ${later.report.case.id}; compare two reports of the same case`,
      },
    ]);
  }
  const changes = reportChanges(
    { report: earlier.report, path: oldPath, sha256: earlier.sha256 },
    later.report,
  );
  const json = `${JSON.stringify(changes, null, 2)}\n`;
  if (options.out !== undefined) await writeFile(resolve(io.cwd, options.out), json);
  io.stdout.write(
    options.json ? json : formatChanges(changes, later.report.case.id, later.report.generatedAt),
  );
}

function formatChanges(changes: ReportChanges, caseId: string, generatedAt: string): string {
  const { dataSubjects, inputs } = changes;
  const labels = readLocaleLabels('en');
  const figures = changes.figures
    .filter(({ previous, current }) => previous !== current)
    .map(
      ({ figure, previous, current }) =>
        `${labels[`change.figure.${figure}`] ?? figure} ${previous ?? '—'} → ${current}`,
    );
  const lines = [
    `${caseId}: changes from the report of ${changes.previous.generatedAt} to the one of ${generatedAt}`,
    '',
    row('Messages', messageChangesLine(changes)),
    row(
      'People',
      `${people(dataSubjects.added)} newly named, ${people(dataSubjects.removed)} no longer named`,
    ),
    row(
      'Not a person',
      `${dataSubjects.added.length - people(dataSubjects.added)} addresses likely not a person newly named, ${dataSubjects.removed.length - people(dataSubjects.removed)} no longer`,
    ),
    row(
      'Inputs',
      `${inputs.added.length} added, ${inputs.changed.length} changed, ${inputs.removed.length} no longer used`,
    ),
    row('Figures', figures.length === 0 ? 'unchanged' : figures.join('; ')),
  ];
  return `${lines.join('\n')}\n`;
}
