import { join } from 'node:path';
import { MANIFEST_NAME, evidenceDirOf } from '../collect/index.js';
import { displayPath, gatherEvidence, hashFile } from '../evidence/index.js';
import type { CaseFile, Report, ReportFormat } from '../model/index.js';
import { analyzeFiles } from './analyze-files.js';
import type { AnalyzeOptions } from './analyze-files.js';
import { collectAndAnalyze, savedCollection } from './collect-live.js';
import type { LiveOptions } from './collect-live.js';
import { checkOutputFolder, checkReplaceable } from './output-folder.js';
import { MANIFEST_FILE, type ReportManifest } from './report-manifest.js';
import { chooseRenderers, writeReports } from './write-reports.js';
import type { WriteResult } from './write-reports.js';

export interface RunOptions extends AnalyzeOptions {
  outDir: string;
  formats: readonly ReportFormat[];
  /** Live collection for a case with a `collect:` section; null analyses what is saved. */
  live: LiveOptions['collect'] | null;
  /** Replace files in the output folder that this tool did not write. */
  force: boolean;
}

/**
 * The case's evidence as it is on disk: the exports it names and, for a case collected
 * live, what an earlier collection saved. Nothing is fetched.
 */
export async function analyzeEvidence(
  caseFile: CaseFile,
  options: AnalyzeOptions,
): Promise<Report> {
  const saved = await savedCollection(caseFile);
  const files = [...(await gatherEvidence(caseFile)), ...saved.files];
  options.progress(`found ${files.length} input${files.length === 1 ? '' : 's'}`);
  return analyzeFiles(caseFile, files, saved.collection, options);
}

/** `mailexposure run`: collect when the case says so, then everything into the output folder. */
export async function runCase(
  caseFile: CaseFile,
  options: RunOptions,
): Promise<{ report: Report } & WriteResult> {
  // Before any work: an output folder that cannot take the reports stops the run at once.
  const fileNames = chooseRenderers(options.formats).chosen.map((renderer) => renderer.fileName);
  await checkOutputFolder(caseFile, options.outDir, [...fileNames, MANIFEST_FILE]);
  await checkReplaceable(options.outDir, fileNames, options.force);
  const report =
    caseFile.collect !== null && options.live !== null
      ? await collectAndAnalyze(caseFile, { ...options, collect: options.live })
      : await analyzeEvidence(caseFile, options);
  const result = await writeReports(report, options.outDir, options.formats, {
    progress: options.progress,
    force: options.force,
    collection: await collectionRecord(caseFile),
    renderedFrom: null,
  });
  return { report, ...result };
}

/** collection.json of a live collection, hashed after the collection finished with it. */
async function collectionRecord(caseFile: CaseFile): Promise<ReportManifest['collection']> {
  if (caseFile.collect === null) return null;
  const path = join(evidenceDirOf(caseFile), MANIFEST_NAME);
  try {
    return { path: displayPath(caseFile.dir, path), ...(await hashFile(path)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
