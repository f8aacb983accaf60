import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { CaseFile, Problem } from '../model/index.js';
import { displayPath } from './gather-evidence.js';

const roles: readonly (keyof CaseFile['evidence'])[] = ['audit', 'messageTrace', 'signIns'];

/**
 * Symbolic links an evidence pattern names whose target does not exist. File globbing passes
 * over them without a word, yet a link in an evidence folder stands for evidence someone meant
 * to give: its absence must be said, not silently reported around.
 */
export async function danglingEvidenceLinks(caseFile: CaseFile): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const role of roles) {
    for (const pattern of caseFile.evidence[role]) {
      const matches = picomatch(pattern, { dot: false });
      for (const path of await linksUnder(caseFile.dir, pattern)) {
        const shown = displayPath(caseFile.dir, path);
        if (seen.has(path) || !matches(shown)) continue;
        seen.add(path);
        if (await exists(path)) continue;
        problems.push({
          code: 'notice',
          input: shown,
          line: null,
          message: `evidence.${role} names this symbolic link, but what it points to does not exist: it was not read; restore the file it points to or remove the link`,
        });
      }
    }
  }
  return problems;
}

/** The folder a pattern starts in: its segments before the first one with a glob character. */
function staticBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!+@]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/');
}

async function linksUnder(dir: string, pattern: string): Promise<string[]> {
  const base = staticBase(pattern);
  const depth = pattern.split('/').length - (base === '' ? 0 : base.split('/').length);
  const recursive = pattern.includes('**') || depth > 1;
  let entries: Dirent[];
  try {
    entries = await readdir(join(dir, base), { withFileTypes: true, recursive });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(dir, path).startsWith(`..${sep}`));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
