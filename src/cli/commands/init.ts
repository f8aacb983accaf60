import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { caseTemplate } from '../../case/index.js';
import { InputError } from '../../model/index.js';
import { packageRoot } from '../../tool-info.js';
import type { CommandIo } from '../io.js';

/** The folders the template's evidence patterns name. */
const EVIDENCE_FOLDERS = ['evidence/audit', 'evidence/trace', 'evidence/signins'];

/** `init`: a new case folder with a commented case file and empty evidence folders. */
export async function initCommand(dir: string, io: CommandIo): Promise<void> {
  const caseDir = resolve(io.cwd, dir);
  const casePath = join(caseDir, 'case.yaml');
  for (const folder of EVIDENCE_FOLDERS) {
    await mkdir(join(caseDir, folder), { recursive: true });
  }
  try {
    // The editor finds the schema beside the installed tool, wherever the case folder is.
    const schemaPath = relative(caseDir, join(packageRoot, 'case.schema.json'))
      .split(sep)
      .join('/');
    await writeFile(casePath, caseTemplate(schemaPath), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new InputError([
      {
        file: relative(io.cwd, casePath),
        line: null,
        column: null,
        key: null,
        message: 'already exists; init never overwrites a case file (choose another folder)',
      },
    ]);
  }
  const [audit, trace, signIns] = EVIDENCE_FOLDERS.map((folder) =>
    relative(io.cwd, join(caseDir, folder)),
  );
  io.stdout.write(
    `Wrote ${relative(io.cwd, casePath)}. Put the audit exports in ${audit ?? ''}, the message trace in ${trace ?? ''} and the sign-in logs in ${signIns ?? ''} (or remove the line of one you do not have), edit the case file, then run: mailexposure validate ${relative(io.cwd, casePath)}\n`,
  );
}
