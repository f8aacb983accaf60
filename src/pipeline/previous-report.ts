import { displayPath } from '../evidence/index.js';
import type { CaseFile } from '../model/index.js';
import { InputError } from '../model/index.js';
import type { PreviousReport } from '../report/index.js';
import { readReportFile } from './report-file.js';

/** The earlier report.json the case names in `report.previous`, checked to be of this case. */
export async function readPreviousReport(caseFile: CaseFile): Promise<PreviousReport | null> {
  const absolute = caseFile.report.previous;
  if (absolute === null) return null;
  const path = displayPath(caseFile.dir, absolute);
  const { report, sha256 } = await readReportFile(path, absolute);
  if (report.case.id !== caseFile.case.id) {
    throw new InputError([
      {
        file: path,
        line: null,
        column: null,
        key: null,
        message: `is the report of case ${report.case.id}, not of ${caseFile.case.id}; report.previous names an earlier report of the same case`,
      },
    ]);
  }
  return { report, path, sha256 };
}
