import type { Analysis } from '../analyze/index.js';
import type { EvidenceFile } from '../evidence/index.js';
import type { CaseFile, Problem, Report, ReportCollection, ReportInput } from '../model/index.js';
import { compareProblems } from '../model/index.js';
import { redactSubjects } from './redact-subjects.js';
import { reportChanges, type PreviousReport } from './report-changes.js';
import { summarize } from './summarize.js';

/** What the pipeline learnt about one input while reading it. */
export interface InputRecordCounts {
  file: EvidenceFile;
  format: string | null;
  kind: ReportInput['kind'];
  records: number;
  rejected: number;
}

export interface ReportContext {
  caseFile: CaseFile;
  inputs: readonly InputRecordCounts[];
  analysis: Analysis;
  /** Problems found before analysis (reading inputs). */
  problems: readonly Problem[];
  generatedAt: string;
  tool: { name: string; version: string };
  /** Live collection's account of itself, when the evidence was collected live. */
  collection: ReportCollection | null;
  /** The case's earlier report (`report.previous`), to say what changed since. */
  previous: PreviousReport | null;
}

/** Assembles report.json from the analysis; no decision about exposure is taken here. */
export function buildReport(context: ReportContext): Report {
  const assembled = assembleReport(context);
  const report =
    context.previous === null
      ? assembled
      : { ...assembled, changes: reportChanges(context.previous, assembled) };
  return context.caseFile.report.redactSubjects ? redactSubjects(report) : report;
}

function assembleReport(context: ReportContext): Report {
  const { caseFile, analysis } = context;
  const inputs = context.inputs.map((input) => reportInput(input, analysis));
  return {
    tool: context.tool,
    generatedAt: context.generatedAt,
    case: {
      id: caseFile.case.id,
      title: caseFile.case.title,
      organization: caseFile.case.organization,
      timezone: caseFile.case.timezone,
      locale: caseFile.case.locale,
      domains: caseFile.case.domains,
      window: caseFile.window,
      accounts: caseFile.accounts,
      preparedFor: caseFile.case.preparedFor,
      preparedBy: caseFile.case.preparedBy,
      classification: caseFile.case.classification,
      nonPersonAddresses: caseFile.case.nonPersonAddresses,
      personAddresses: caseFile.case.personAddresses,
      caseFileSha256: caseFile.sha256,
      formats: caseFile.report.formats,
      redactSubjects: caseFile.report.redactSubjects,
      sensitiveKeywords: caseFile.report.sensitiveKeywords,
      pdfMessageLimit: caseFile.report.pdfMessageLimit,
      threatActor: caseFile.threatActor,
      measures: caseFile.measures,
    },
    inputs,
    summary: summarize(analysis, inputs),
    sessions: analysis.sessions,
    messages: analysis.messages,
    folders: analysis.folders,
    throttledWindows: analysis.throttledWindows,
    dataSubjects: analysis.dataSubjects,
    dataLeadRules: analysis.dataLeadRules,
    activity: analysis.activity,
    auditRecords: analysis.auditRecords,
    problems: [...context.problems, ...analysis.problems].sort(compareProblems),
    collection: context.collection,
    changes: null,
  };
}

function reportInput(input: InputRecordCounts, analysis: Analysis): ReportInput {
  const use = analysis.inputUse[input.file.displayPath];
  return {
    path: input.file.displayPath,
    sha256: input.file.sha256,
    format: input.format ?? 'unrecognised',
    kind: input.kind,
    bytes: input.file.bytes,
    records: input.records,
    inScope: input.kind === 'audit' ? (use?.inScope ?? 0) : (use?.used ?? 0),
    duplicates: use?.duplicates ?? 0,
    rejected: input.rejected,
  };
}
