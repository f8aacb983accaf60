import { createRequire } from 'node:module';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { expandEvidencePatterns } from '../case/index.js';
import type { CaseFile } from '../model/index.js';
import { InputError } from '../model/index.js';
import { hashFile } from '../evidence/index.js';
import { MANIFEST_FILE, readReportManifest, type ExistingManifest } from './report-manifest.js';

// picomatch is what tinyglobby matches evidence patterns with; it ships no types.
const picomatch = createRequire(import.meta.url)('picomatch') as (
  pattern: string,
) => (path: string) => boolean;

/** How paths are shown in messages: relative to the working folder when inside it. */
export function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' ? '.' : within(path, process.cwd()) ? fromHere : path;
}

function refuse(file: string, message: string): InputError {
  return new InputError([{ file, line: null, column: null, key: null, message }]);
}

/** The path with symbolic links resolved as far as it exists. */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await canonical(parent), basename(path));
  }
}

function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * An output folder must be a folder (or not exist yet), and keep the reports apart from the
 * evidence: it may not be, contain or lie inside a folder holding evidence the case names,
 * and no file it will hold may match an evidence pattern (the next run would read a report as
 * evidence, or a report would replace an export). `--force` does not change this.
 */
export async function checkOutputFolder(
  caseFile: CaseFile,
  outDir: string,
  fileNames: readonly string[],
): Promise<void> {
  await checkIsFolder(outDir);
  const out = await canonical(outDir);
  const patterns = Object.values(caseFile.evidence).flat();
  for (const file of await expandEvidencePatterns(caseFile.dir, patterns)) {
    const folder = await canonical(dirname(file));
    if (within(out, folder) || within(folder, out)) {
      throw refuse(
        shown(outDir),
        `the output folder ${within(out, folder) ? (out === folder ? 'is' : 'lies inside') : 'contains'} the evidence folder ${shown(folder)} (of ${shown(file)}): reports must never be written among the evidence; choose another output folder (output: in the case file, or --out)`,
      );
    }
  }
  for (const pattern of patterns) {
    const matches = picomatch(pattern.split(sep).join('/'));
    for (const name of fileNames) {
      const path = join(outDir, name);
      const fromCase = relative(caseFile.dir, path).split(sep).join('/');
      if (matches(fromCase) || resolve(caseFile.dir, pattern) === resolve(path)) {
        throw refuse(
          shown(outDir),
          `the report ${shown(path)} would match the evidence pattern "${pattern}", so it would be read as evidence; choose another output folder (output: in the case file, or --out) or narrow the pattern`,
        );
      }
    }
  }
}

async function checkIsFolder(outDir: string): Promise<void> {
  // The nearest part of the path that exists must be a folder (or a link to one).
  let path = outDir;
  let kind = await pathKind(path);
  while (kind === null && dirname(path) !== path) {
    path = dirname(path);
    kind = await pathKind(path);
  }
  if (kind === 'folder' || kind === null) return;
  throw refuse(
    shown(outDir),
    path === outDir
      ? 'the output folder is a file, not a folder; choose a folder (output: in the case file, or --out)'
      : `the output folder cannot be made: ${shown(path)} is a file, not a folder`,
  );
}

async function pathKind(path: string): Promise<'file' | 'folder' | 'other' | null> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a part of the path above is a file, found as the loop walks up.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * A report being written, or the manifest that will list it: a run that is killed leaves at
 * most these, which the next run removes.
 */
export const TEMPORARY_FILE = /^\.mailexposure-[0-9a-f]+-(.+)\.tmp$/;

/**
 * Every report this tool is known to have written into the folder, as `file sha256`: those
 * its manifest.json lists, and those a new manifest left by a run killed while it renamed its
 * reports into place lists (it is written, whole, before the first rename).
 */
async function knownReports(outDir: string, existing: ExistingManifest): Promise<Set<string>> {
  const known = new Set<string>();
  const add = (manifest: ExistingManifest): void => {
    if (manifest.kind !== 'ours') return;
    for (const entry of manifest.manifest.reports) known.add(`${entry.file} ${entry.sha256}`);
  };
  add(existing);
  const names = await readdir(outDir).catch(() => []);
  for (const name of names) {
    if (TEMPORARY_FILE.exec(name)?.[1] === MANIFEST_FILE) {
      add(await readReportManifest(outDir, name));
    }
  }
  return known;
}

/**
 * The files this run will replace must be ones the tool wrote: each listed, with its current
 * SHA-256, in the folder's manifest.json (itself written by this tool). Anything else is left
 * alone unless `force` says to replace it.
 */
export async function checkReplaceable(
  outDir: string,
  fileNames: readonly string[],
  force: boolean,
): Promise<ExistingManifest> {
  const existing = await readReportManifest(outDir);
  if (force) return existing;
  const known = await knownReports(outDir, existing);
  for (const name of [...fileNames, MANIFEST_FILE]) {
    const path = join(outDir, name);
    const kind = await fileKind(path);
    if (kind === null) continue;
    const ours =
      kind === 'file' &&
      (name === MANIFEST_FILE
        ? existing.kind === 'ours'
        : known.has(`${name} ${(await hashFile(path)).sha256}`));
    if (!ours) {
      throw refuse(
        shown(path),
        kind === 'file'
          ? `was not written by mailexposure (it is not in ${MANIFEST_FILE} with its SHA-256) and would be replaced; move it away, choose another output folder, or use --force to replace it`
          : 'is in the way of a report (it is not a file); move it away or choose another output folder',
      );
    }
  }
  return existing;
}

async function fileKind(path: string): Promise<'file' | 'other' | null> {
  try {
    return (await lstat(path)).isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
