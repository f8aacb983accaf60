export { displayPath, gatherEvidence } from './gather-evidence.js';
export type { EvidenceFile, EvidenceRole } from './gather-evidence.js';
export { hashFile } from './hash-file.js';
