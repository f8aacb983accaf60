export { buildReport } from './build-report.js';
export type { InputRecordCounts, ReportContext } from './build-report.js';
export { renderJson } from './json.js';
export { renderers } from './renderers.js';
export type { Renderer } from './renderers.js';
export { redactSubjects } from './redact-subjects.js';
export { zipTime } from './xlsx/zip-timestamps.js';
export { reportChanges } from './report-changes.js';
export type { PreviousReport } from './report-changes.js';
