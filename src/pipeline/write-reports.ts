import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashFile } from '../evidence/index.js';
import type { Report, ReportFormat } from '../model/index.js';
import { InputError } from '../model/index.js';
import { renderers, zipTime, type Renderer } from '../report/index.js';
import { TEMPORARY_FILE, checkReplaceable, shown } from './output-folder.js';
import {
  MANIFEST_FILE,
  manifestFor,
  type ExistingManifest,
  type ManifestReport,
  type ReportManifest,
} from './report-manifest.js';
import { seconds } from './stage-time.js';

export interface WrittenReport {
  format: ReportFormat;
  path: string;
  sha256: string;
  bytes: number;
}

export interface WriteResult {
  written: WrittenReport[];
  /** Formats asked for that this version cannot write: said, never skipped silently. */
  unavailable: ReportFormat[];
  manifestPath: string;
}

export interface WriteOptions {
  progress: (line: string) => void;
  /** Replace files in the output folder that this tool did not write. */
  force: boolean;
  collection: ReportManifest['collection'];
  renderedFrom: ReportManifest['renderedFrom'];
}

/** Reports hold personal data: readable by their owner only, as collected evidence is. */
export const REPORT_FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

/** The renderers of the formats asked for, and the formats this version cannot write. */
export function chooseRenderers(formats: readonly ReportFormat[]): {
  chosen: Renderer[];
  unavailable: ReportFormat[];
} {
  const chosen: Renderer[] = [];
  const unavailable: ReportFormat[] = [];
  for (const format of formats) {
    const renderer = renderers.find((candidate) => candidate.format === format);
    if (renderer === undefined) unavailable.push(format);
    else chosen.push(renderer);
  }
  return { chosen, unavailable };
}

/**
 * Renders each asked format into the output folder, whole or not at all: each report is
 * written under a temporary name, flushed to disk and only then renamed into place, so a run
 * that is stopped at any moment leaves the previous reports as they were. `manifest.json`
 * comes last, listing every report in the folder with its SHA-256.
 */
export async function writeReports(
  report: Report,
  outDir: string,
  formats: readonly ReportFormat[],
  options: WriteOptions,
): Promise<WriteResult> {
  const { chosen, unavailable } = chooseRenderers(formats);
  const existing = await checkReplaceable(
    outDir,
    chosen.map((renderer) => renderer.fileName),
    options.force,
  );
  await makeFolder(outDir);
  await removeLeftovers(outDir);
  const temporary: string[] = [];
  try {
    const written: (WrittenReport & { temporary: string })[] = [];
    for (const renderer of chosen) {
      const path = await temporaryFile(outDir, renderer.fileName);
      temporary.push(path);
      const started = performance.now();
      await renderer.render(report, path);
      options.progress(`wrote ${renderer.fileName} (${seconds(started)})`);
      await flush(path);
      if (renderer.format === 'xlsx') noteZipTime(report.generatedAt, options.progress);
      written.push({
        format: renderer.format,
        path: join(outDir, renderer.fileName),
        temporary: path,
        ...(await hashFile(path)),
      });
    }
    const reports = [
      ...written.map(({ format, path, sha256, bytes }): ManifestReport => ({
        format,
        file: relative(outDir, path),
        sha256,
        bytes,
        generatedAt: report.generatedAt,
      })),
      ...(await earlierReports(outDir, existing, chosen)),
    ];
    const manifestPath = join(outDir, MANIFEST_FILE);
    const manifest = manifestFor(report, {
      collection: options.collection,
      renderedFrom: options.renderedFrom,
      reports,
    });
    const manifestTemporary = await temporaryFile(outDir, MANIFEST_FILE);
    temporary.push(manifestTemporary);
    await writeDurably(manifestTemporary, `${JSON.stringify(manifest, null, 2)}\n`);
    // Killed from here on, the folder mixes old and new reports, but the new manifest, whole
    // under its temporary name, still names every new one as this tool's.
    for (const file of written) await rename(file.temporary, file.path);
    await rename(manifestTemporary, manifestPath);
    return {
      written: written.map(({ format, path, sha256, bytes }) => ({ format, path, sha256, bytes })),
      unavailable,
      manifestPath,
    };
  } finally {
    await Promise.all(temporary.map((path) => rm(path, { force: true })));
  }
}

/** Says when the workbook's zip entries could not carry the report's time. */
function noteZipTime(generatedAt: string, progress: (line: string) => void): void {
  const stamped = zipTime(new Date(generatedAt))
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  if (stamped !== generatedAt) {
    progress(
      `report.xlsx: its zip entries are dated ${stamped}, the nearest a zip can record (1980 to 2107), not ${generatedAt}; the workbook itself shows ${generatedAt}`,
    );
  }
}

/** Reports an earlier run left that this one does not rewrite, still as that run wrote them. */
async function earlierReports(
  outDir: string,
  existing: ExistingManifest,
  rewritten: readonly Renderer[],
): Promise<ManifestReport[]> {
  if (existing.kind !== 'ours') return [];
  const kept: ManifestReport[] = [];
  for (const entry of existing.manifest.reports) {
    if (rewritten.some((renderer) => renderer.fileName === entry.file)) continue;
    try {
      const { sha256 } = await hashFile(join(outDir, entry.file));
      if (sha256 === entry.sha256) kept.push(entry);
    } catch {
      // Gone since: no longer in the folder, so not in its manifest.
    }
  }
  return kept;
}

async function makeFolder(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true, mode: FOLDER_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError([
      {
        file: shown(outDir),
        line: null,
        column: null,
        key: null,
        message: `the output folder cannot be made (${code}); choose another one (output: in the case file, or --out)`,
      },
    ]);
  }
}

async function removeLeftovers(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (TEMPORARY_FILE.test(name)) await rm(join(outDir, name), { force: true });
  }
}

/** A new, empty file only the owner can read, under a name no other run uses. */
async function temporaryFile(outDir: string, fileName: string): Promise<string> {
  const path = join(outDir, `.mailexposure-${randomBytes(6).toString('hex')}-${fileName}.tmp`);
  await (await open(path, 'wx', REPORT_FILE_MODE)).close();
  return path;
}

async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w', REPORT_FILE_MODE);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
