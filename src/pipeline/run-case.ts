import { analyzeCase } from '../analyze/index.js';
import { gatherEvidence } from '../evidence/index.js';
import type { CaseFile, Report, ReportFormat } from '../model/index.js';
import { buildReport } from '../report/index.js';
import { toolInfo } from '../tool-info.js';
import { readEvidence } from './read-evidence.js';
import { writeReports } from './write-reports.js';
import type { WriteResult } from './write-reports.js';

export interface RunOptions {
  outDir: string;
  generatedAt: string;
  formats: readonly ReportFormat[];
  progress: (line: string) => void;
}

/** Evidence → records → analysis → report, without writing anything. */
export async function analyzeEvidence(
  caseFile: CaseFile,
  generatedAt: string,
  progress: (line: string) => void,
): Promise<Report> {
  const files = await gatherEvidence(caseFile);
  progress(`hashed ${files.length} input${files.length === 1 ? '' : 's'}`);
  const evidence = await readEvidence(files, progress);
  const analysis = analyzeCase({
    caseFile,
    audit: evidence.audit,
    trace: evidence.trace,
    signIns: evidence.signIns,
    lookups: evidence.lookups,
    folderListings: evidence.folderListings,
  });
  progress(
    `analysed ${analysis.recordsInScope} records in scope: ${analysis.sessions.length} attacker sessions, ${analysis.messages.length} exposed messages`,
  );
  return buildReport({
    caseFile,
    inputs: evidence.counts,
    analysis,
    problems: evidence.problems,
    generatedAt,
    tool: toolInfo,
  });
}

/** `mailexposure run`: everything, into the output folder. */
export async function runCase(
  caseFile: CaseFile,
  options: RunOptions,
): Promise<{ report: Report } & WriteResult> {
  const report = await analyzeEvidence(caseFile, options.generatedAt, options.progress);
  const result = await writeReports(report, options.outDir, options.formats, options.progress);
  return { report, ...result };
}
