import { gatherEvidence } from '../evidence/index.js';
import type { CaseFile, Report, ReportFormat } from '../model/index.js';
import { analyzeFiles } from './analyze-files.js';
import type { AnalyzeOptions } from './analyze-files.js';
import { collectAndAnalyze, savedCollection } from './collect-live.js';
import type { LiveOptions } from './collect-live.js';
import { writeReports } from './write-reports.js';
import type { WriteResult } from './write-reports.js';

export interface RunOptions extends AnalyzeOptions {
  outDir: string;
  formats: readonly ReportFormat[];
  /** Live collection for a case with a `collect:` section; null analyses what is saved. */
  live: LiveOptions['collect'] | null;
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
  options.progress(`hashed ${files.length} input${files.length === 1 ? '' : 's'}`);
  return analyzeFiles(caseFile, files, saved.collection, options);
}

/** `mailexposure run`: collect when the case says so, then everything into the output folder. */
export async function runCase(
  caseFile: CaseFile,
  options: RunOptions,
): Promise<{ report: Report } & WriteResult> {
  const report =
    caseFile.collect !== null && options.live !== null
      ? await collectAndAnalyze(caseFile, { ...options, collect: options.live })
      : await analyzeEvidence(caseFile, options);
  const result = await writeReports(report, options.outDir, options.formats, options.progress);
  return { report, ...result };
}
