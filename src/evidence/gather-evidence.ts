import { relative, sep } from 'node:path';
import { expandEvidencePatterns } from '../case/index.js';
import type { CaseFile } from '../model/index.js';
import { hashFile } from './hash-file.js';

/** The case-file key an input was named under, or what a collected file holds. */
export type EvidenceRole = keyof CaseFile['evidence'] | 'messageLookups';

export interface EvidenceFile {
  /** Absolute path. */
  path: string;
  /** Relative to the case file, forward slashes: how reports and messages name it. */
  displayPath: string;
  role: EvidenceRole;
  sha256: string;
  bytes: number;
}

const roles: readonly (keyof CaseFile['evidence'])[] = ['audit', 'messageTrace', 'signIns'];

/**
 * Finds every input the case names and hashes it before anything reads it, so the hashes in
 * the report are those of the bytes that were analysed. A file matched by several patterns
 * is taken once, under the first key that names it.
 */
export async function gatherEvidence(caseFile: CaseFile): Promise<EvidenceFile[]> {
  const seen = new Set<string>();
  const files: EvidenceFile[] = [];
  for (const role of roles) {
    const paths = await expandEvidencePatterns(caseFile.dir, caseFile.evidence[role]);
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({
        path,
        displayPath: displayPath(caseFile.dir, path),
        role,
        ...(await hashFile(path)),
      });
    }
  }
  return files;
}

export function displayPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('/');
}
