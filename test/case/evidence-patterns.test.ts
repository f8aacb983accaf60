import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandEvidencePatterns } from '../../src/case/index.js';
import { FIXTURE_DIR } from './fixture.js';

const audit = (name: string) => join(FIXTURE_DIR, 'evidence/audit', name);

describe('expandEvidencePatterns', () => {
  it('returns the absolute files matched, sorted, each once', async () => {
    const files = await expandEvidencePatterns(FIXTURE_DIR, [
      'evidence/audit/*',
      'evidence/audit/*.csv',
      './evidence/audit/purview-2026-10.csv',
    ]);

    expect(files).toEqual([audit('purview-2026-10.csv'), audit('ual-export (1).json')]);
  });

  it('takes an existing file name literally even when it holds glob characters', async () => {
    expect(
      await expandEvidencePatterns(FIXTURE_DIR, ['evidence/audit/ual-export (1).json']),
    ).toEqual([audit('ual-export (1).json')]);
  });

  it('matches files only, and never widens a folder name to its whole tree', async () => {
    expect(await expandEvidencePatterns(FIXTURE_DIR, ['evidence/audit', 'evidence/*'])).toEqual([]);
    expect(await expandEvidencePatterns(FIXTURE_DIR, ['evidence/**/*.json'])).toEqual([
      audit('ual-export (1).json'),
      join(FIXTURE_DIR, 'evidence/signins/signins.json'),
    ]);
  });

  it('follows patterns outside the case folder and absolute ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailexposure-evidence-'));
    await mkdir(join(dir, 'case'));
    await mkdir(join(dir, 'exports'));
    await writeFile(join(dir, 'exports', 'b.csv'), 'x\n');
    await writeFile(join(dir, 'exports', 'a.csv'), 'x\n');

    expect(await expandEvidencePatterns(join(dir, 'case'), ['../exports/*.csv'])).toEqual([
      join(dir, 'exports', 'a.csv'),
      join(dir, 'exports', 'b.csv'),
    ]);
    expect(
      await expandEvidencePatterns(join(dir, 'case'), [join(dir, 'exports', '*.csv')]),
    ).toEqual([join(dir, 'exports', 'a.csv'), join(dir, 'exports', 'b.csv')]);
  });

  it('returns nothing for no patterns', async () => {
    expect(await expandEvidencePatterns(FIXTURE_DIR, [])).toEqual([]);
  });
});
