import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Report } from '../../model/index.js';
import { InputError } from '../../model/index.js';
import { renderReports } from '../../pipeline/index.js';
import type { CommandIo } from '../io.js';
import { progressTo } from '../io.js';
import { parseFormats } from '../parse-formats.js';

/** `render`: the PDF and workbook again from a report.json, without the evidence. */
export async function renderCommand(
  reportPath: string,
  options: { out?: string; formats?: string },
  io: CommandIo,
): Promise<void> {
  const absolute = resolve(io.cwd, reportPath);
  const report = parseReport(reportPath, await readReport(reportPath, absolute));
  const derived = report.case.formats.filter((format) => format !== 'json');
  const formats = parseFormats(options.formats, derived.length > 0 ? derived : ['pdf', 'xlsx']);
  const outDir = options.out === undefined ? dirname(absolute) : resolve(io.cwd, options.out);
  const result = await renderReports(report, outDir, formats, progressTo(io));
  for (const written of result.written) {
    io.stdout.write(`${relative(io.cwd, written.path)}  sha256 ${written.sha256}\n`);
  }
  if (result.unavailable.length > 0) {
    io.stdout.write(
      `Not written (not available in this version): ${result.unavailable.join(', ')}\n`,
    );
  }
}

async function readReport(shown: string, absolute: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    throw inputError(
      shown,
      null,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

function parseReport(shown: string, text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(shown, null, `is not JSON: ${(error as Error).message}`);
  }
  const candidate = value as Partial<Report> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.tool?.name !== 'string' ||
    !Array.isArray(candidate.messages) ||
    typeof candidate.summary !== 'object'
  ) {
    throw inputError(shown, null, 'is not a report.json written by mailexposure run or analyze');
  }
  return candidate as Report;
}

function inputError(file: string, line: number | null, message: string): InputError {
  return new InputError([{ file, line, column: null, key: null, message }]);
}
