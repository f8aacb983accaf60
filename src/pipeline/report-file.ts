import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Report } from '../model/index.js';
import { InputError } from '../model/index.js';
import { completeOlderReport } from '../report/index.js';

export interface ReportFile {
  /** The file as read, for hashing and checking against a manifest. */
  text: string;
  sha256: string;
  report: Report;
}

/**
 * A report.json written by run or analyze (for `render`, `diff` and `report.previous`), or an
 * InputError naming the file as `shown` and what is wrong with it.
 */
export async function readReportFile(shown: string, absolute: string): Promise<ReportFile> {
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw reportError(
      shown,
      code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`,
    );
  }
  return {
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    report: parseReport(shown, text),
  };
}

function parseReport(shown: string, text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw reportError(shown, `is not JSON: ${(error as Error).message}`);
  }
  const candidate = value as Partial<Report> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.tool?.name !== 'string' ||
    typeof candidate.case?.id !== 'string' ||
    !Array.isArray(candidate.messages) ||
    !Array.isArray(candidate.dataSubjects) ||
    !Array.isArray(candidate.inputs) ||
    typeof candidate.summary !== 'object'
  ) {
    throw reportError(shown, 'is not a report.json written by mailexposure run or analyze');
  }
  return completeOlderReport(candidate as Report);
}

function reportError(file: string, message: string): InputError {
  return new InputError([{ file, line: null, column: null, key: null, message }]);
}
