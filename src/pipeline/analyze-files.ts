import { analyzeCase } from '../analyze/index.js';
import type { EvidenceFile } from '../evidence/index.js';
import type { CaseFile, Report, ReportCollection } from '../model/index.js';
import { buildReport } from '../report/index.js';
import { toolInfo } from '../tool-info.js';
import { readEvidence } from './read-evidence.js';

export interface AnalyzeOptions {
  generatedAt: string;
  progress: (line: string) => void;
}

/** Inputs → records → analysis → report, without writing anything. */
export async function analyzeFiles(
  caseFile: CaseFile,
  files: readonly EvidenceFile[],
  collection: ReportCollection | null,
  options: AnalyzeOptions,
): Promise<Report> {
  const evidence = await readEvidence(files, options.progress);
  const analysis = analyzeCase({
    caseFile,
    audit: evidence.audit,
    trace: evidence.trace,
    signIns: evidence.signIns,
    lookups: evidence.lookups,
    folderListings: evidence.folderListings,
  });
  options.progress(
    `analysed ${analysis.recordsInScope} records in scope: ${analysis.sessions.length} attacker sessions, ${analysis.messages.length} exposed messages`,
  );
  return buildReport({
    caseFile,
    inputs: evidence.counts,
    analysis,
    problems: evidence.problems,
    generatedAt: options.generatedAt,
    tool: toolInfo,
    collection,
  });
}
