export { displayPath, gatherEvidence } from './gather-evidence.js';
export type { EvidenceFile, EvidenceRole, FoundFile } from './gather-evidence.js';
export { hashFile } from './hash-file.js';
export { danglingEvidenceLinks } from './dangling-links.js';
