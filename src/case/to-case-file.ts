import { resolve } from 'node:path';
import type { CaseFile } from '../model/index.js';
import type { CaseInput } from './schema.js';

/**
 * The validated case as every later stage reads it: absent optional values as null, paths made
 * absolute against the case file's folder, and the whole object frozen so no stage can change it.
 */
export function toCaseFile(
  input: CaseInput,
  file: { path: string; dir: string; sha256: string },
): CaseFile {
  const { collect } = input;
  const caseFile: CaseFile = {
    path: file.path,
    dir: file.dir,
    sha256: file.sha256,
    case: {
      ...input.case,
      preparedFor: input.case.preparedFor ?? null,
      preparedBy: input.case.preparedBy ?? null,
      classification: input.case.classification ?? null,
    },
    accounts: input.accounts,
    threatActor: input.threatActor,
    window: input.window,
    measures: input.measures,
    evidence: input.evidence ?? { audit: [], messageTrace: [], signIns: [] },
    collect:
      collect === undefined
        ? null
        : {
            ...collect,
            auth:
              collect.auth.method === 'certificate'
                ? {
                    ...collect.auth,
                    certificatePath: resolve(file.dir, collect.auth.certificatePath),
                  }
                : collect.auth,
          },
    report: {
      ...input.report,
      previous:
        input.report.previous === undefined ? null : resolve(file.dir, input.report.previous),
    },
    output: resolve(file.dir, input.output),
  };
  return deepFreeze(caseFile);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
