import { relative, sep } from 'node:path';
import { expandEvidencePatterns } from '../case/index.js';
import type { CaseFile } from '../model/index.js';

/** The case-file key an input was named under, or what a collected file holds. */
export type EvidenceRole = keyof CaseFile['evidence'] | 'messageLookups';

/** An input found for the case, not yet read. */
export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** Relative to the case file, forward slashes: how reports and messages name it. */
  displayPath: string;
  role: EvidenceRole;
  /** The hash recorded for it before (a collected file): reading it must give the same. */
  sha256?: string;
}

/** An input as read: its hash and size are those of exactly the bytes analysed. */
export interface EvidenceFile extends FoundFile {
  sha256: string;
  bytes: number;
}

const roles: readonly (keyof CaseFile['evidence'])[] = ['audit', 'messageTrace', 'signIns'];

/**
 * Finds every input the case names. Inputs are hashed as they are read (sources/), in the same
 * pass, so the hashes in the report are those of the bytes that were analysed. A file matched
 * by several patterns is taken once, under the first key that names it.
 */
export async function gatherEvidence(caseFile: CaseFile): Promise<FoundFile[]> {
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  for (const role of roles) {
    const paths = await expandEvidencePatterns(caseFile.dir, caseFile.evidence[role]);
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({ path, displayPath: displayPath(caseFile.dir, path), role });
    }
  }
  return files;
}

export function displayPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('/');
}
