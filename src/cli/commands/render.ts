import { createHash } from 'node:crypto';
import { basename, dirname, relative, resolve } from 'node:path';
import { InputError } from '../../model/index.js';
import {
  MANIFEST_FILE,
  readReportFile,
  readReportManifest,
  writeReports,
} from '../../pipeline/index.js';
import type { ReportManifest } from '../../pipeline/index.js';
import { redactSubjects } from '../../report/index.js';
import type { CommandIo } from '../io.js';
import { progressTo } from '../io.js';
import { parseFormats } from '../parse-formats.js';

export interface RenderCommandOptions {
  out?: string;
  formats?: string;
  force?: boolean;
  quiet?: boolean;
}

/**
 * `render`: the PDF and workbook again from a report.json, without the evidence. The
 * report.json must be the one its folder's manifest.json lists (unless `--force`), and the
 * output folder's manifest then names the reports drawn from it.
 */
export async function renderCommand(
  reportPath: string,
  options: RenderCommandOptions,
  io: CommandIo,
): Promise<void> {
  const absolute = resolve(io.cwd, reportPath);
  const { text, report: parsed } = await readReportFile(reportPath, absolute);
  const source = await checkAgainstManifest(reportPath, absolute, text, options.force === true);
  // A report.json written before redaction held for report.json itself may keep subjects.
  const report = parsed.case.redactSubjects ? redactSubjects(parsed) : parsed;
  const derived = report.case.formats.filter((format) => format !== 'json');
  const formats = parseFormats(options.formats, derived.length > 0 ? derived : ['pdf', 'xlsx']);
  const outDir = options.out === undefined ? dirname(absolute) : resolve(io.cwd, options.out);
  const result = await writeReports(report, outDir, formats, {
    progress: progressTo(io, options.quiet === true),
    force: options.force === true,
    collection: source.collection,
    renderedFrom: {
      path: relative(outDir, absolute),
      sha256: source.sha256,
      bytes: Buffer.byteLength(text),
    },
  });
  for (const written of result.written) {
    io.stdout.write(`${relative(io.cwd, written.path)}  sha256 ${written.sha256}\n`);
  }
  if (result.unavailable.length > 0) {
    io.stdout.write(
      `Not written (not available in this version): ${result.unavailable.join(', ')}\n`,
    );
  }
}

/** The report.json as its folder's manifest.json recorded it, or refused. */
async function checkAgainstManifest(
  shown: string,
  absolute: string,
  text: string,
  force: boolean,
): Promise<{ sha256: string; collection: ReportManifest['collection'] }> {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const existing = await readReportManifest(dirname(absolute));
  if (existing.kind !== 'ours') return { sha256, collection: null };
  const listed = existing.manifest.reports.find((entry) => entry.file === basename(absolute));
  if (listed !== undefined && listed.sha256 !== sha256 && !force) {
    throw inputError(
      shown,
      null,
      `has changed since it was written: ${MANIFEST_FILE} records SHA-256 ${listed.sha256}, the file has ${sha256}; render the report.json the run wrote, or use --force to render this one`,
    );
  }
  return { sha256, collection: existing.manifest.collection ?? null };
}

function inputError(file: string, line: number | null, message: string): InputError {
  return new InputError([{ file, line, column: null, key: null, message }]);
}
