import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: one temporary folder for the whole run, removed when it ends. Tests and
 * the command lines they start make their folders with `mkdtemp(tmpdir())`; os.tmpdir() reads
 * TMPDIR at each call and vitest's forks inherit this process's environment, so every one of
 * them lands here, and a run leaves nothing behind in the machine's /tmp (a generated 50,000
 * record case alone is 90 MB).
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'mailexposure-tests-'));
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
