import { compareText } from '../model/index.js';
import { readdir, stat } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { glob } from 'tinyglobby';

/**
 * The files that evidence patterns (paths or globs relative to `dir`, as the case file lists
 * them) name: absolute, each once, sorted by code unit so every run reads inputs in the same
 * order. Only files; a pattern never silently widens to a whole folder's tree.
 */
export async function expandEvidencePatterns(
  dir: string,
  patterns: readonly string[],
): Promise<string[]> {
  const matches = await Promise.all(patterns.map((pattern) => matchEvidencePattern(dir, pattern)));
  return [...new Set(matches.flat())].sort(compareText);
}

/** The files one pattern names. A pattern that is an existing file's own name is that file. */
export async function matchEvidencePattern(dir: string, pattern: string): Promise<string[]> {
  // File names such as `export (1).csv` or `[2026].json` hold glob characters: take them literally first.
  const literal = resolve(dir, pattern);
  if ((await kindOf(literal)) === 'file') return [literal];
  const found = await glob([pattern], {
    cwd: dir,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
  });
  return found.map((file) => resolve(file));
}

/** Why a pattern that matches nothing may have missed, for the user's message. */
export async function missHint(dir: string, pattern: string): Promise<string> {
  if ((await kindOf(resolve(dir, pattern))) === 'folder') {
    return `; it is a folder: name its files, e.g. ${pattern.replace(/\/+$/, '')}/*`;
  }
  if (pattern.includes('\\')) return '; write paths with / (a backslash escapes a glob character)';
  const folder = posix.dirname(pattern);
  if (
    folder !== '.' &&
    !/[*?[\]{}()!+@]/.test(folder) &&
    (await isEmptyFolder(resolve(dir, folder)))
  ) {
    return `; the folder ${folder} is empty: put the exported files there, or remove this line if there are none`;
  }
  return '';
}

async function isEmptyFolder(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch {
    return false;
  }
}

async function kindOf(path: string): Promise<'file' | 'folder' | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : null;
  } catch {
    return null;
  }
}
