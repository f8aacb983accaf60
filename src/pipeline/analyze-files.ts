import { danglingEvidenceLinks, type FoundFile } from '../evidence/index.js';
import { plural, type CaseFile, type Report, type ReportCollection } from '../model/index.js';
import { attackerSessionCount, buildReport } from '../report/index.js';
import { toolInfo } from '../tool-info.js';
import { readPreviousReport } from './previous-report.js';
import { readEvidence, type ReadProgress } from './read-evidence.js';
import { seconds } from './stage-time.js';

export interface AnalyzeOptions {
  generatedAt: string;
  progress: (line: string) => void;
  /** While an input is read (progress on a terminal). */
  reading?: ReadProgress['reading'];
}

/** Inputs → records → analysis → report, without writing anything. */
export async function analyzeFiles(
  caseFile: CaseFile,
  files: readonly FoundFile[],
  collection: ReportCollection | null,
  options: AnalyzeOptions,
): Promise<Report> {
  // Read first: a previous report that cannot be used stops the run before the long part.
  const previous = await readPreviousReport(caseFile);
  const started = performance.now();
  const evidence = await readEvidence(caseFile, files, {
    line: options.progress,
    reading: options.reading,
  });
  const { analysis } = evidence;
  options.progress(
    `analysed ${plural(analysis.recordsInScope, 'record', 'records')} in scope: ${plural(attackerSessionCount(analysis), 'attacker session', 'attacker sessions')}, ${plural(analysis.messages.length, 'exposed message', 'exposed messages')} (reading and analysis ${seconds(started)})`,
  );
  return buildReport({
    caseFile,
    inputs: evidence.counts,
    analysis,
    problems: [...evidence.problems, ...(await danglingEvidenceLinks(caseFile))],
    generatedAt: options.generatedAt,
    tool: toolInfo,
    collection,
    previous,
  });
}
