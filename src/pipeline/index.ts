export { generatedAt } from './generated-at.js';
export { analyzeEvidence, runCase } from './run-case.js';
export type { RunOptions } from './run-case.js';
export { renderReports, writeReports } from './write-reports.js';
export type { RenderResult, WriteResult, WrittenReport } from './write-reports.js';
export { readEvidence } from './read-evidence.js';
export type { EvidenceRecords } from './read-evidence.js';
