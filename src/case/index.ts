export { loadCaseFile } from './load-case-file.js';
export { expandEvidencePatterns } from './evidence-patterns.js';
export { caseJsonSchema } from './json-schema.js';
export { caseTemplate } from './template.js';
